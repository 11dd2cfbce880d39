package dev.breakeven.core.runtime;

import java.util.Optional;

/**
 * The oldest NVIDIA driver each CUDA major version runs on (NVIDIA's CUDA toolkit release notes, table
 * "CUDA Toolkit and Minimum Required Driver Version"; the same thresholds Jan's llama.cpp backend manager uses):
 * CUDA 11 ≥ 450.80.02 (Linux) / 452.39 (Windows), CUDA 12 ≥ 525.60.13 / 527.41, CUDA 13 ≥ 580.
 */
public final class CudaDrivers {
    private CudaDrivers() {
    }

    /** The minimum driver for a CUDA major version on this OS, or empty when the app knows no threshold for it. */
    public static Optional<String> minimumDriver(int cudaMajor, Platform.Os os) {
        boolean windows = os == Platform.Os.WINDOWS;
        return switch (cudaMajor) {
            case 11 -> Optional.of(windows ? "452.39" : "450.80.02");
            case 12 -> Optional.of(windows ? "527.41" : "525.60.13");
            case 13 -> Optional.of("580");
            default -> Optional.empty();
        };
    }

    /** True when {@code driver} (e.g. {@code 550.163.01}) is at least {@code minimum}; false when unreadable. */
    public static boolean atLeast(String driver, String minimum) {
        if (driver == null || !driver.strip().matches("\\d+(\\.\\d+)*")) {
            return false;
        }
        return AssetPicker.compareVersions(driver.strip(), minimum) >= 0;
    }
}
