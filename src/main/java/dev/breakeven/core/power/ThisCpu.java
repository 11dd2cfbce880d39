package dev.breakeven.core.power;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;

/**
 * This machine's CPU as the power estimate needs it: the name OSHI reports (on Linux, /proc/cpuinfo's
 * "model name") and the cores this OS sees. Read once: OSHI's first call costs a few hundred milliseconds.
 */
public record ThisCpu(String name, int physicalCores, int logicalCores) {
    private static volatile ThisCpu detected;

    public static ThisCpu detect() {
        ThisCpu cpu = detected;
        if (cpu == null) {
            int logical = Runtime.getRuntime().availableProcessors();
            try {
                CentralProcessor processor = new SystemInfo().getHardware().getProcessor();
                cpu = new ThisCpu(processor.getProcessorIdentifier().getName(),
                        processor.getPhysicalProcessorCount(), processor.getLogicalProcessorCount());
            } catch (RuntimeException | LinkageError e) {
                cpu = new ThisCpu(null, logical, logical);
            }
            detected = cpu;
        }
        return cpu;
    }

    /** Physical cores where OSHI knows them, else logical ones. */
    public int visibleCores() {
        return physicalCores > 0 ? physicalCores : Math.max(1, logicalCores);
    }
}
