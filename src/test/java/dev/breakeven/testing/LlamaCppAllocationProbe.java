package dev.breakeven.testing;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a GGUF file through the embedded llama.cpp (java-llama.cpp) on the CPU and records what llama.cpp
 * reports allocating: weight buffers, KV cache, compute buffer. The model is closed again at once; no
 * tokens are generated and warm-up is skipped, so sparse files stay cheap (their pages are never touched
 * beyond what loading maps).
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

    private LlamaCppAllocationProbe() {
    }

    /**
     * Loads, records and closes. java-llama.cpp 4.2.0 calls llama.cpp's {@code common_init()} while loading, which
     * replaces any logger set through {@code LlamaModel.setLogger}; so the probe asks llama.cpp for a log file
     * ({@code --log-file}) and parses that. Not thread-safe: llama.cpp's log is process-wide.
     */
    public static synchronized LlamaCppAllocations measure(Path gguf, Settings settings) throws IOException {
        Path logFile = Files.createTempFile("llamacpp-probe", ".log");
        try {
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
            return LlamaCppAllocations.parse(awaitLog(logFile));
        } finally {
            Files.deleteIfExists(logFile);
        }
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
