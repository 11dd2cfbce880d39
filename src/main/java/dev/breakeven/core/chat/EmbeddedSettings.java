package dev.breakeven.core.chat;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the embedded engine loads a model. {@code threads} 0 lets llama.cpp choose; {@code gpuLayers} -1 keeps
 * llama.cpp's default (only a GPU-enabled native library uses it). {@code nativeLibraryDir}, when set, is a
 * folder holding a self-built {@code jllama} library (CUDA, Vulkan…) used instead of the bundled CPU one; see
 * docs/gpu-build.md.
 */
public record EmbeddedSettings(Path modelFile, int contextSize, int threads, int gpuLayers, Path nativeLibraryDir) {
    public static final int DEFAULT_CONTEXT = 4096;

    public EmbeddedSettings {
        Objects.requireNonNull(modelFile, "modelFile");
        if (contextSize < 64) {
            throw new IllegalArgumentException("context size must be at least 64 tokens, not " + contextSize);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (automatic) or more, not " + threads);
        }
    }

    public static EmbeddedSettings of(Path modelFile) {
        return new EmbeddedSettings(modelFile, DEFAULT_CONTEXT, 0, -1, null);
    }

    public EmbeddedSettings withContextSize(int tokens) {
        return new EmbeddedSettings(modelFile, tokens, threads, gpuLayers, nativeLibraryDir);
    }

    public EmbeddedSettings withThreads(int count) {
        return new EmbeddedSettings(modelFile, contextSize, count, gpuLayers, nativeLibraryDir);
    }
}
