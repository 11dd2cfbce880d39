package dev.breakeven.core.runtime;

import dev.breakeven.core.hardware.GpuInfo;
import dev.breakeven.core.hardware.GpuVendor;
import dev.breakeven.core.hardware.HardwareProfile;

import java.util.List;
import java.util.Optional;

/**
 * Picks the llama.cpp build for the detected hardware: NVIDIA → CUDA where the release has a CUDA build for this
 * OS and the driver is new enough, else Vulkan where a Vulkan loader is present; AMD → HIP/ROCm where the release
 * has it, else Vulkan; Apple Silicon → Metal; everything else → CPU. The reason says which rule decided.
 */
public final class BackendChooser {
    private final Platform platform;
    private final boolean vulkanLoader;

    /** @param vulkanLoader whether a Vulkan loader library is installed (see {@link VulkanLoader}) */
    public BackendChooser(Platform platform, boolean vulkanLoader) {
        this.platform = platform;
        this.vulkanLoader = vulkanLoader;
    }

    public BackendChoice choose(HardwareProfile profile, Release release) {
        List<RuntimePackage> all = AssetPicker.packages(release, platform);
        if (all.isEmpty()) {
            return new BackendChoice(Backend.CPU, null,
                    "release " + release.tag() + " has no llama-server build for " + platform);
        }
        if (platform.appleSilicon()) {
            Optional<RuntimePackage> metal = first(all, Backend.METAL);
            if (metal.isPresent()) {
                return new BackendChoice(Backend.METAL, metal.get(), "Apple Silicon: the macOS arm64 build runs on the GPU through Metal");
            }
        }
        List<GpuInfo> gpus = profile.detectedGpus();
        Optional<GpuInfo> nvidia = gpus.stream().filter(g -> g.vendor() == GpuVendor.NVIDIA).findFirst();
        if (nvidia.isPresent()) {
            return nvidia(nvidia.get(), all, release);
        }
        Optional<GpuInfo> amd = gpus.stream().filter(g -> g.vendor() == GpuVendor.AMD).findFirst();
        if (amd.isPresent()) {
            Optional<RuntimePackage> hip = first(all, Backend.HIP);
            if (hip.isPresent()) {
                return new BackendChoice(Backend.HIP, hip.get(), "AMD " + amd.get().name()
                        + ": the ROCm/HIP build (" + hip.get().variant() + ")");
            }
            return vulkanOrCpu(all, "AMD " + amd.get().name() + ": release " + release.tag()
                    + " has no ROCm/HIP build for " + platform);
        }
        Optional<GpuInfo> other = gpus.stream().filter(g -> g.vendor() != GpuVendor.APPLE).findFirst();
        if (other.isPresent()) {
            return vulkanOrCpu(all, other.get().name() + ": no CUDA or ROCm for this card");
        }
        return cpu(all, "no GPU detected: the CPU build");
    }

    private BackendChoice nvidia(GpuInfo gpu, List<RuntimePackage> all, Release release) {
        String card = "NVIDIA " + stripVendor(gpu.name());
        List<RuntimePackage> cuda = all.stream().filter(p -> p.backend() == Backend.CUDA).toList();
        String why;
        if (cuda.isEmpty()) {
            why = card + ": release " + release.tag() + " has no CUDA build for " + platform;
        } else if (gpu.driver() == null || gpu.driver().isBlank()) {
            why = card + ": driver version unknown, so a CUDA build cannot be checked against it";
        } else {
            String lowestNeed = null;
            for (RuntimePackage p : cuda) { // newest CUDA first
                Optional<String> need = CudaDrivers.minimumDriver(p.cudaMajor(), platform.os());
                if (need.isEmpty()) {
                    continue;
                }
                if (CudaDrivers.atLeast(gpu.driver(), need.get())) {
                    return new BackendChoice(Backend.CUDA, p, card + ", driver " + gpu.driver() + ": the CUDA "
                            + p.cudaVersion() + " build (needs driver ≥ " + need.get() + ")");
                }
                lowestNeed = "CUDA " + p.cudaVersion() + " needs ≥ " + need.get();
            }
            why = card + ": driver " + gpu.driver() + " is too old for this release's CUDA builds ("
                    + (lowestNeed != null ? lowestNeed : "no known driver threshold") + ")";
        }
        return vulkanOrCpu(all, why);
    }

    private BackendChoice vulkanOrCpu(List<RuntimePackage> all, String why) {
        Optional<RuntimePackage> vulkan = first(all, Backend.VULKAN);
        if (vulkan.isPresent() && vulkanLoader) {
            return new BackendChoice(Backend.VULKAN, vulkan.get(), why + "; the Vulkan build instead");
        }
        if (vulkan.isPresent()) {
            return cpu(all, why + "; no Vulkan loader (libvulkan) found, so the CPU build");
        }
        return cpu(all, why + "; no Vulkan build either, so the CPU build");
    }

    private static BackendChoice cpu(List<RuntimePackage> all, String why) {
        return new BackendChoice(Backend.CPU, first(all, Backend.CPU).orElse(null), why);
    }

    private static Optional<RuntimePackage> first(List<RuntimePackage> all, Backend backend) {
        return all.stream().filter(p -> p.backend() == backend).findFirst();
    }

    private static String stripVendor(String name) {
        return name == null ? "GPU" : name.replaceFirst("(?i)^nvidia\\s+", "");
    }
}
