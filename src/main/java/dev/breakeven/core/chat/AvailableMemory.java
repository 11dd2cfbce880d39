package dev.breakeven.core.chat;

import oshi.SystemInfo;

/** The memory a model may use on this machine right now, for {@link ModelPreflight}. */
public final class AvailableMemory {
    private AvailableMemory() {
    }

    /** Available physical memory in bytes, or 0 when unknown (no limit rather than a wrong refusal). */
    public static long bytes() {
        long fromKernel = linuxMemAvailable();
        if (fromKernel > 0) {
            return fromKernel; // one small file instead of OSHI's start-up (seconds on a busy machine)
        }
        try {
            return new SystemInfo().getHardware().getMemory().getAvailable();
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    /** Linux's own estimate, {@code MemAvailable} in /proc/meminfo (kB), or 0 elsewhere. */
    static long linuxMemAvailable() {
        java.nio.file.Path meminfo = java.nio.file.Path.of("/proc/meminfo");
        if (!java.nio.file.Files.isReadable(meminfo)) {
            return 0;
        }
        try {
            for (String line : java.nio.file.Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    String[] parts = line.split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
