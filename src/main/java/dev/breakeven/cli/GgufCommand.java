package dev.breakeven.cli;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufFormatException;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.gguf.GgufSummary;
import dev.breakeven.core.gguf.LlamaCppSupport;
import dev.breakeven.core.models.ModelShape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code breakeven gguf PATH [--json]}: what a GGUF file holds, read from its header alone. */
@Command(name = "gguf", mixinStandardHelpOptions = true,
        description = "Show a GGUF model's architecture, quantization, parameters and weight sizes (reads the header only).")
public final class GgufCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "a .gguf file")
    Path path;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    /**
     * The {@code --json} output.
     *
     * @param shape null when the header lacks the figures of a model (an adapter, a vocabulary-only file)
     */
    public record Report(String path, int version, String architecture, String name, String fileType, long fileSize,
                         long tensorBytes, int tensorCount, int metadataCount, ModelShape shape,
                         Map<String, Long> bytesByType, List<Long> layerBytes, long tokenEmbeddingBytes,
                         long outputBytes, long expertBytes, boolean embeddedEngineSupported, String embeddedEngineNote,
                         List<String> notes) {
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file: " + path);
        }
        GgufFile file;
        try {
            file = GgufReader.read(path);
        } catch (NoSuchFileException missing) {
            throw new IllegalArgumentException("no such file: " + path);
        } catch (GgufFormatException bad) {
            throw new IllegalArgumentException(path.getFileName() + ": " + bad.getMessage());
        }
        Report report = report(file);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, report);
        } else {
            printText(out, report);
        }
        return 0;
    }

    private Report report(GgufFile file) {
        String architecture = file.architecture().orElse("(none)");
        String reason = LlamaCppSupport.unsupportedReason(architecture).orElse(null);
        try {
            GgufSummary summary = GgufSummary.of(file, path);
            Map<String, Long> byType = new LinkedHashMap<>();
            for (Map.Entry<GgmlType, Long> entry : summary.bytesByType().entrySet()) {
                byType.put(entry.getKey().name(), entry.getValue());
            }
            return new Report(path.toString(), file.version(), architecture, summary.name(),
                    summary.fileType().orElse(null), file.fileSize(), summary.tensorBytes(), file.tensors().size(),
                    file.metadata().size(), summary.shape(), byType, summary.layerBytes(), summary.tokenEmbeddingBytes(),
                    summary.outputBytes(), summary.expertBytes(), reason == null, reason, summary.notes());
        } catch (GgufFormatException noShape) {
            return new Report(path.toString(), file.version(), architecture, file.string("general.name").orElse(null),
                    null, file.fileSize(), file.tensorBytes(), file.tensors().size(), file.metadata().size(), null,
                    Map.of(), List.of(), 0, 0, 0, reason == null, reason, List.of(noShape.getMessage()));
        }
    }

    private static void printText(PrintWriter out, Report r) {
        out.printf("%s%n", r.name() == null ? r.path() : r.name());
        out.printf("  architecture   %s (GGUF v%d, %d tensors, %d metadata keys)%n", r.architecture(), r.version(),
                r.tensorCount(), r.metadataCount());
        if (r.fileType() != null) {
            out.printf("  quantization   %s%n", r.fileType());
        }
        out.printf("  file           %s, tensor data %s%n", gib(r.fileSize()), gib(r.tensorBytes()));
        ModelShape s = r.shape();
        if (s != null) {
            out.printf("  parameters     %s%s%n", count(s.parameterCount()),
                    s.isMixtureOfExperts() ? String.format(" (%s active, %d of %d experts)",
                            count(s.activeParameterCount()), s.expertUsedCount(), s.expertCount()) : "");
            out.printf("  layers         %d × %s, embedding %d, FFN %d%n", s.blockCount(),
                    r.layerBytes().isEmpty() ? "?" : gib(r.layerBytes().getFirst()), s.embeddingLength(),
                    s.feedForwardLength());
            out.printf("  attention      %d heads, %d KV heads, head size %d/%d%s%n", s.headCount(), s.headCountKv(),
                    s.keyLength(), s.valueLength(), s.slidingWindow() > 0
                            ? String.format(", sliding window %d on %d layers", s.slidingWindow(), s.slidingWindowLayers())
                            : "");
            out.printf("  context        %d tokens trained, vocabulary %d%n", s.contextLength(), s.vocabSize());
            out.printf("  embeddings     %s, output %s%n", gib(r.tokenEmbeddingBytes()),
                    r.outputBytes() == 0 ? "tied to the embeddings" : gib(r.outputBytes()));
        }
        out.printf("  embedded engine %s%n", r.embeddedEngineSupported() ? "can load it" : r.embeddedEngineNote());
        for (String note : r.notes()) {
            out.printf("  note: %s%n", note);
        }
    }

    private static String count(long parameters) {
        return parameters >= 1e9 ? String.format("%.2f B", parameters / 1e9)
                : parameters >= 1e6 ? String.format("%.1f M", parameters / 1e6)
                : String.format("%,d", parameters);
    }

    private static String gib(long bytes) {
        return bytes >= 1L << 30 ? String.format("%.2f GiB", bytes / (double) (1L << 30))
                : String.format("%.1f MiB", bytes / (double) (1L << 20));
    }
}
