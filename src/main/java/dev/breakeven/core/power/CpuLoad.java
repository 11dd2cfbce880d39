package dev.breakeven.core.power;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Whole-machine CPU load (0..1) since the previous call, for the power estimate.
 * Linux: the aggregate "cpu" line of /proc/stat (idle + iowait count as idle). Elsewhere: OSHI's ticks.
 */
public final class CpuLoad implements DoubleSupplier {
    private final Path procStat;
    private final CentralProcessor processor;
    private long[] previous;

    private CpuLoad(Path procStat, CentralProcessor processor) {
        this.procStat = procStat;
        this.processor = processor;
    }

    /** Reads a /proc/stat-format file; tests pass a recorded copy. */
    public static CpuLoad fromProcStat(Path procStat) {
        return new CpuLoad(procStat, null);
    }

    /** /proc/stat where it exists, otherwise OSHI (macOS, Windows). */
    public static CpuLoad system() {
        Path stat = Path.of("/proc/stat");
        if (Files.isReadable(stat) && parse(SysfsFiles.readString(stat).orElse("")).isPresent()) {
            return fromProcStat(stat);
        }
        return new CpuLoad(null, new SystemInfo().getHardware().getProcessor());
    }

    @Override
    public synchronized double getAsDouble() {
        if (processor != null) {
            long[] ticks = processor.getSystemCpuLoadTicks();
            double load = previous == null ? 0 : processor.getSystemCpuLoadBetweenTicks(previous);
            previous = ticks;
            return clamp(load);
        }
        Optional<long[]> now = parse(SysfsFiles.readString(procStat).orElse(""));
        if (now.isEmpty()) {
            return 0;
        }
        long[] before = previous == null ? new long[]{0, 0} : previous;
        previous = now.get();
        long total = now.get()[0] - before[0];
        long idle = now.get()[1] - before[1];
        return total <= 0 ? 0 : clamp(1.0 - (double) idle / total);
    }

    /** {total, idle} jiffies from the aggregate cpu line. */
    static Optional<long[]> parse(String procStat) {
        for (String line : procStat.split("\\R")) {
            if (!line.startsWith("cpu ")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length < 5) {
                return Optional.empty();
            }
            try {
                long total = 0;
                // user nice system idle iowait irq softirq steal; guest time is already inside user.
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
                return Optional.of(new long[]{total, idle});
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static double clamp(double load) {
        return Double.isFinite(load) ? Math.max(0, Math.min(1, load)) : 0;
    }
}
