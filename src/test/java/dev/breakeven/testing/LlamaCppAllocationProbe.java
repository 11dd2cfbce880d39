package dev.breakeven.testing;

import dev.breakeven.core.runtime.LlamaCppAllocations;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loads a GGUF file through the embedded llama.cpp (java-llama.cpp) on the CPU, in a child JVM, and records
 * what llama.cpp reports allocating: weight buffers, KV cache, compute buffer. No tokens are generated and
 * warm-up is skipped, so sparse files stay cheap: their holes are mapped, never written.
 */
public final class LlamaCppAllocationProbe {

    /**
     * @param contextSize  {@code n_ctx}
     * @param batchSize    logical batch {@code n_batch}
     * @param ubatchSize   physical batch {@code n_ubatch}, which sizes the compute buffer
     * @param threads      CPU threads
     */
    public record Settings(int contextSize, int batchSize, int ubatchSize, int threads) {
        public static Settings context(int contextSize) {
            return new Settings(contextSize, 512, 512, 1);
        }
    }

    private static final long CHILD_TIMEOUT_SECONDS = 300;

    private LlamaCppAllocationProbe() {
    }

    /**
     * Loads the model in a child JVM, records what llama.cpp allocated, and lets the child exit. A child process is
     * needed because java-llama.cpp 4.2.0 does not give the memory back on {@code close()}: every load in one JVM
     * leaves the file mapped and the KV cache allocated (measured: +512 MB mapped, +160 MB anonymous per load of
     * a 0.5B Q8_0 model at n_ctx 8192), and its server thread keeps the JVM alive.
     */
    public static LlamaCppAllocations measure(Path gguf, Settings settings) throws IOException {
        // beside the model, not in the shared temp folder: nothing else cleans up there while the child runs
        Path folder = gguf.toAbsolutePath().getParent();
        Path logFile = Files.createTempFile(folder, "llamacpp-probe", ".log");
        Path console = Files.createTempFile(folder, "llamacpp-probe", ".out");
        try {
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"),
                    LlamaCppAllocationProbe.class.getName(),
                    gguf.toAbsolutePath().toString(), Integer.toString(settings.contextSize()),
                    Integer.toString(settings.batchSize()), Integer.toString(settings.ubatchSize()),
                    Integer.toString(settings.threads()), logFile.toString());
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
            boolean finished;
            try {
                finished = child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while llama.cpp loaded " + gguf, interrupted);
            }
            if (!finished) {
                child.destroyForcibly();
                throw new IOException("llama.cpp did not load " + gguf + " within " + CHILD_TIMEOUT_SECONDS + " s");
            }
            if (child.exitValue() != 0) {
                List<String> lines = Files.readAllLines(console);
                throw new IOException("llama.cpp could not load " + gguf + " (exit " + child.exitValue() + "): "
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            }
            return LlamaCppAllocations.parse(Files.readString(logFile));
        } finally {
            Files.deleteIfExists(logFile);
            Files.deleteIfExists(console);
        }
    }

    /**
     * Loads, waits for the log and returns its text, in this JVM. java-llama.cpp 4.2.0 calls llama.cpp's
     * {@code common_init()} while loading, which replaces any logger set through {@code LlamaModel.setLogger};
     * so the probe asks llama.cpp for a log file ({@code --log-file}) and reads that.
     */
    static String loadAndLog(Path gguf, Settings settings, Path logFile) throws IOException {
        ModelParameters parameters = new ModelParameters()
                .setModel(gguf.toAbsolutePath().toString())
                .setCtxSize(settings.contextSize())
                .setBatchSize(settings.batchSize())
                .setUbatchSize(settings.ubatchSize())
                .setThreads(settings.threads())
                .setThreadsBatch(settings.threads())
                .setGpuLayers(0)
                .setParallel(1)
                .skipWarmup()
                .setLogFile(logFile.toString());
        try (LlamaModel ignored = new LlamaModel(parameters)) {
            // loading the model and creating its context are what we measure
        }
        return awaitLog(logFile);
    }

    /** Child JVM entry: {@code PATH N_CTX N_BATCH N_UBATCH THREADS LOG_FILE}. */
    public static void main(String[] args) {
        int status = 0;
        try {
            Settings settings = new Settings(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            loadAndLog(Path.of(args[0]), settings, Path.of(args[5]));
        } catch (Exception | LinkageError failure) {
            failure.printStackTrace();
            status = 1;
        }
        // the engine's server thread is not a daemon thread; end the JVM explicitly
        Runtime.getRuntime().halt(status);
    }

    /** llama.cpp writes its log from a worker thread; wait until the context's last figure has arrived. */
    private static String awaitLog(Path logFile) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String text = Files.readString(logFile);
        while (!text.contains("compute buffer size") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
            text = Files.readString(logFile);
        }
        return text;
    }
}
