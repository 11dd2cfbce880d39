package dev.breakeven.core.runtime;

import java.util.List;

/**
 * What to download for one backend: the archive holding {@code llama-server}, and the extra archives it needs
 * beside it (the CUDA runtime DLLs that llama.cpp's Windows CUDA builds ship separately as {@code cudart-…}).
 *
 * @param variant     the build's name part between OS and architecture, e.g. {@code cuda-12.4}, {@code vulkan}, "" for CPU
 * @param cudaVersion e.g. {@code 12.4} for a CUDA build, else null
 */
public record RuntimePackage(String tag, Backend backend, String variant, ReleaseAsset archive, List<ReleaseAsset> extras,
                             String cudaVersion) {
    public RuntimePackage {
        extras = List.copyOf(extras);
    }

    /** 12 for CUDA 12.4; 0 when not a CUDA build. */
    public int cudaMajor() {
        if (cudaVersion == null) {
            return 0;
        }
        try {
            return Integer.parseInt(cudaVersion.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Every asset to download, the server archive first. */
    public List<ReleaseAsset> downloads() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(archive), extras.stream()).toList();
    }

    /** The id the installed runtime gets: tag and build, e.g. {@code b6000-cuda-12.4}. */
    public String runtimeId() {
        String v = backend == Backend.CPU ? "cpu" : backend == Backend.METAL ? "metal" : variant;
        return RuntimeIds.sanitize(tag + "-" + v);
    }
}
