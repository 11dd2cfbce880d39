package dev.breakeven.core.hardware;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Apple Silicon: the GPU shares the machine's RAM, so its "VRAM" is the part of RAM macOS lets Metal wire.
 * By default that is about two thirds of RAM on Macs with less than 36 GB and about three quarters above
 * (gpustack/gpustack#1375 reads Metal's recommendedMaxWorkingSetSize as 75 % of RAM on large Macs;
 * antirez/ds4#893 measured 107.5 GiB of 128 GiB, so this rule errs low). A user who raised
 * {@code iogpu.wired_limit_mb} gets that figure instead.
 */
public final class AppleSiliconProbe implements GpuProbe {
    private static final long GIB = 1024L * 1024L * 1024L;
    private static final long SMALL_MAC_BYTES = 36L * GIB;
    private static final double SMALL_MAC_SHARE = 2.0 / 3.0;
    private static final double LARGE_MAC_SHARE = 3.0 / 4.0;
    private static final long MIB = 1024L * 1024L;

    private final ToolRunner runner;
    private final boolean macOs;

    public AppleSiliconProbe(ToolRunner runner, boolean macOs) {
        this.runner = runner;
        this.macOs = macOs;
    }

    public static AppleSiliconProbe system(ToolRunner runner) {
        return new AppleSiliconProbe(runner, System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac"));
    }

    @Override
    public String name() {
        return "sysctl";
    }

    @Override
    public GpuFindings probe() {
        if (!macOs) {
            return GpuFindings.nothing(name());
        }
        ToolOutput output = runner.run("sysctl", "machdep.cpu.brand_string", "hw.memsize", "iogpu.wired_limit_mb");
        // sysctl exits non-zero when one name is unknown (iogpu.* on older macOS) but still prints the rest.
        String text = switch (output) {
            case ToolOutput.Ok ok -> ok.stdout();
            case ToolOutput.Failed failed -> "";
            default -> null;
        };
        if (text == null) {
            return GpuFindings.note(name(), output.note());
        }
        if (text.isBlank() && output instanceof ToolOutput.Failed failed) {
            return GpuFindings.note(name(), failed.note());
        }
        return parse(text);
    }

    /** Reads {@code sysctl name1 name2 ...} output ("name: value" per line). */
    public static GpuFindings parse(String sysctlOutput) {
        Map<String, String> values = new HashMap<>();
        for (String line : sysctlOutput.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        String chip = values.get("machdep.cpu.brand_string");
        if (chip == null || !chip.startsWith("Apple")) {
            return GpuFindings.nothing("sysctl"); // An Intel Mac: its GPU, if any, is OSHI's business.
        }
        long memsize;
        try {
            memsize = Long.parseLong(values.getOrDefault("hw.memsize", ""));
        } catch (NumberFormatException e) {
            return GpuFindings.note("sysctl", "sysctl gave no readable hw.memsize for " + chip);
        }
        long gpuShare = gpuShareOf(memsize, values.get("iogpu.wired_limit_mb"));
        GpuInfo gpu = GpuInfo.detected(chip, GpuVendor.APPLE, gpuShare, null, null, null, true);
        return new GpuFindings("sysctl", List.of(gpu), GpuVendor.APPLE, List.of());
    }

    /** The bytes of RAM Metal may use by default, or the user's raised wired limit. */
    public static long gpuShareOf(long memsize, String wiredLimitMb) {
        if (wiredLimitMb != null) {
            try {
                long limit = Long.parseLong(wiredLimitMb.strip());
                if (limit > 0) {
                    return Math.min(memsize, limit * MIB);
                }
            } catch (NumberFormatException ignored) {
                // Unreadable limit: fall back to the default share.
            }
        }
        double share = memsize < SMALL_MAC_BYTES ? SMALL_MAC_SHARE : LARGE_MAC_SHARE;
        return Math.round(memsize * share);
    }
}
