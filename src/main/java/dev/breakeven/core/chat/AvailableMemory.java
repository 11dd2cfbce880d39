package dev.breakeven.core.chat;

import oshi.SystemInfo;

/** The memory a model may use on this machine right now, for {@link ModelPreflight}. */
public final class AvailableMemory {
    private AvailableMemory() {
    }

    /** Available physical memory in bytes, or 0 when unknown (no limit rather than a wrong refusal). */
    public static long bytes() {
        try {
            return new SystemInfo().getHardware().getMemory().getAvailable();
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }
}
