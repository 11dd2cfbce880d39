package dev.breakeven.core.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Finding {@code llama-server} in an unpacked archive or a folder, and the backend its libraries say it has. */
public final class ServerFiles {
    private ServerFiles() {
    }

    /** The shallowest {@code llama-server} (or {@code .exe}) under the folder: archives nest it differently. */
    public static Optional<Path> findServer(Path folder, Platform platform) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(folder, 6)) {
            return files.filter(p -> p.getFileName().toString().equals(platform.serverFileName()) && Files.isRegularFile(p))
                    .min(Comparator.comparingInt(Path::getNameCount));
        }
    }

    /**
     * The GPU backend of the build in this folder, from the backend libraries llama.cpp's release builds load
     * ({@code libggml-cuda.so}, {@code ggml-vulkan.dll} …); a macOS arm64 build has Metal built in.
     */
    public static Backend backendOf(Path serverDir, Platform platform) {
        try (Stream<Path> files = Files.list(serverDir)) {
            String names = files.map(p -> p.getFileName().toString().toLowerCase(Locale.ROOT))
                    .reduce("", (a, b) -> a + " " + b);
            if (names.contains("ggml-cuda")) {
                return Backend.CUDA;
            }
            if (names.contains("ggml-hip") || names.contains("ggml-rocm")) {
                return Backend.HIP;
            }
            if (names.contains("ggml-vulkan")) {
                return Backend.VULKAN;
            }
            if (names.contains("ggml-metal") || platform.appleSilicon()) {
                return Backend.METAL;
            }
        } catch (IOException e) {
            // Unreadable folder: report what is certain.
        }
        return Backend.CPU;
    }
}
