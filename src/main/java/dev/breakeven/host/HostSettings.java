package dev.breakeven.host;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@code breakeven serve} runs: the model, where it listens, the context (shared by the slots, as in
 * llama-server: each of {@code parallel} slots gets {@code contextSize / parallel} tokens), the threads
 * ({@code 0} = llama.cpp's own choice) and the bearer token ({@code ""} = none).
 */
public record HostSettings(Path model, String host, int port, int contextSize, int threads, String token,
                           int parallel) {
    public static final int DEFAULT_CONTEXT = 4096;
    public static final int MIN_SLOT_CONTEXT = 64;
    /** More slots than this only splits the context into uselessly small pieces on any machine we target. */
    public static final int MAX_PARALLEL = 64;

    public HostSettings {
        Objects.requireNonNull(model, "model");
        host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
        token = token == null ? "" : token;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be from 0 (any free port) to 65535, not " + port);
        }
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw new IllegalArgumentException("--parallel must be from 1 to " + MAX_PARALLEL + ", not " + parallel);
        }
        if (contextSize < MIN_SLOT_CONTEXT * parallel) {
            throw new IllegalArgumentException("--ctx must be at least " + MIN_SLOT_CONTEXT * parallel + " tokens ("
                    + MIN_SLOT_CONTEXT + " for each of the " + parallel + " parallel slots), not " + contextSize);
        }
        int processors = Runtime.getRuntime().availableProcessors();
        if (threads < 0 || threads > processors) {
            // llama.cpp itself segfaults or aborts on absurd counts (100000, 2^31-1): refuse them here.
            throw new IllegalArgumentException("--threads must be from 1 to " + processors
                    + " (the processors available on this machine), not " + threads);
        }
    }

    /** Tokens one request may use: prompt and answer together. */
    public int slotContext() {
        return contextSize / parallel;
    }

    public boolean needsToken() {
        return !token.isEmpty();
    }
}
