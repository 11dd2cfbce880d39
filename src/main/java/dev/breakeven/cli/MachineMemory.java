package dev.breakeven.cli;

import oshi.SystemInfo;

/** The memory a model may use on this machine right now, for the load check. */
final class MachineMemory {
    private MachineMemory() {
    }

    static long availableBytes() {
        try {
            return new SystemInfo().getHardware().getMemory().getAvailable();
        } catch (RuntimeException | LinkageError e) {
            return 0; // unknown: no limit rather than a wrong refusal
        }
    }
}
