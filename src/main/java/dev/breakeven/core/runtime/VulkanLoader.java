package dev.breakeven.core.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Whether the Vulkan loader library a Vulkan build of llama.cpp links against is installed. */
public final class VulkanLoader {
    private static final List<String> LINUX = List.of(
            "/usr/lib/x86_64-linux-gnu/libvulkan.so.1", "/usr/lib/aarch64-linux-gnu/libvulkan.so.1",
            "/usr/lib64/libvulkan.so.1", "/usr/lib/libvulkan.so.1", "/lib/x86_64-linux-gnu/libvulkan.so.1");

    private VulkanLoader() {
    }

    public static boolean present(Platform platform) {
        return switch (platform.os()) {
            case LINUX -> LINUX.stream().anyMatch(p -> Files.exists(Path.of(p)));
            case WINDOWS -> {
                String root = System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
                yield Files.exists(Path.of(root, "System32", "vulkan-1.dll"));
            }
            default -> false; // macOS uses Metal; MoltenVK is not what llama.cpp's release builds use
        };
    }
}
