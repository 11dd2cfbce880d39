package dev.breakeven.bench;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufModelShapes;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.gguf.GgufSummary;
import dev.breakeven.core.models.ModelShape;
import dev.breakeven.testing.GgufModelFactory;
import dev.breakeven.testing.LlamaCppAllocationProbe;
import dev.breakeven.core.runtime.LlamaCppAllocations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Measures what the embedded llama.cpp allocates for sparse files of real architecture shapes and prints a
 * Markdown table (the source of src/test/resources/llamacpp/measured-allocations.md).
 * Run: ./mvnw -o -q test-compile exec:exec -Dbench=LlamaCppAllocationReport
 */
public final class LlamaCppAllocationReport {
    private static final double MIB = 1024 * 1024;

    private record Case(GgufModelFactory.Spec spec, GgmlType type, List<LlamaCppAllocationProbe.Settings> settings) {
    }

    public static void main(String[] args) throws IOException {
        List<Case> cases = List.of(
                new Case(GgufModelFactory.llama2_7b(), GgmlType.Q2_K, List.of(s(512, 512), s(2048, 512), s(2048, 128))),
                new Case(GgufModelFactory.llama3_8b(), GgmlType.Q2_K, List.of(s(512, 512), s(2048, 512), s(4096, 512),
                        s(2048, 128))),
                new Case(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, List.of(s(512, 512), s(2048, 512), s(8192, 512),
                        s(2048, 128))),
                new Case(GgufModelFactory.qwen25_05b(), GgmlType.Q4_0, List.of(s(512, 512), s(2048, 512))),
                new Case(GgufModelFactory.tinyLlama(), GgmlType.Q4_0, List.of(s(256, 256))));
        Path dir = Files.createTempDirectory("llamacpp-report");
        System.out.println("| shape | weights | n_ctx | n_ubatch | file tensor bytes | model buffers (MiB) | KV cache MiB (formula) "
                + "| compute MiB | output MiB | load s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        try {
            for (Case c : cases) {
                Path file = GgufModelFactory.writeSparse(c.spec(), c.type(), dir.resolve("model.gguf"));
                GgufFile gguf = GgufReader.read(file);
                GgufSummary summary = GgufSummary.of(gguf, file);
                ModelShape shape = GgufModelShapes.from(gguf);
                for (LlamaCppAllocationProbe.Settings settings : c.settings()) {
                    long start = System.nanoTime();
                    LlamaCppAllocations measured = LlamaCppAllocationProbe.measure(file, settings);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long formula = (long) shape.blockCount() * settings.contextSize() * shape.kvElementsPerTokenPerLayer() * 2;
                    String buffers = measured.modelBuffers().entrySet().stream()
                            .map(e -> e.getKey() + " " + String.format("%.2f", e.getValue() / MIB))
                            .collect(Collectors.joining(", "));
                    System.out.printf("| %s | %s | %d | %d | %d (%.2f MiB) | %s | %.2f (%.2f) | %.2f | %.2f | %.1f |%n",
                            c.spec().name(), c.type(), measured.contextSize(), settings.ubatchSize(), summary.tensorBytes(),
                            summary.tensorBytes() / MIB, buffers, measured.kvCacheBytes() / MIB, formula / MIB,
                            measured.computeBytes() / MIB, measured.outputBytes() / MIB, seconds);
                }
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(dir.resolve("model.gguf"));
            Files.deleteIfExists(dir);
        }
    }

    private static LlamaCppAllocationProbe.Settings s(int context, int ubatch) {
        return new LlamaCppAllocationProbe.Settings(context, 512, ubatch, 1);
    }

    private LlamaCppAllocationReport() {
    }
}
