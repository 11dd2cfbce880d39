package dev.breakeven.core.hardware;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Picks the instruction-set flags llama.cpp builds kernels for out of whatever the OS reports:
 * Linux {@code /proc/cpuinfo} flag lines ({@code avx2}, {@code asimd}), macOS sysctl feature words
 * ({@code AVX1.0}) or Windows processor-feature names ({@code PF_AVX2_INSTRUCTIONS_AVAILABLE}).
 */
public final class CpuFlags {
    /** The flags we report, in display order. */
    public static final List<String> RELEVANT =
            List.of("AVX", "AVX2", "AVX512F", "AVX512_VNNI", "FMA", "F16C", "NEON", "SVE");

    private CpuFlags() {
    }

    public static List<String> relevant(Collection<String> reportedLines) {
        Set<String> seen = new HashSet<>();
        for (String line : reportedLines) {
            if (line == null) {
                continue;
            }
            String body = line.contains(":") ? line.substring(line.indexOf(':') + 1) : line;
            for (String word : body.split("[\\s,]+")) {
                String flag = canonical(word);
                if (flag != null) {
                    seen.add(flag);
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String flag : RELEVANT) {
            if (seen.contains(flag)) {
                out.add(flag);
            }
        }
        return out;
    }

    private static String canonical(String word) {
        String w = word.strip().toUpperCase(Locale.ROOT);
        if (w.startsWith("PF_") && w.endsWith("_INSTRUCTIONS_AVAILABLE")) {
            w = w.substring(3, w.length() - "_INSTRUCTIONS_AVAILABLE".length());
            if (w.startsWith("ARM_")) {
                w = w.substring(4);
            }
        }
        return switch (w) {
            case "AVX", "AVX1.0" -> "AVX";
            case "AVX2" -> "AVX2";
            case "AVX512F", "AVX512_F" -> "AVX512F";
            case "AVX512_VNNI", "AVX512VNNI" -> "AVX512_VNNI";
            case "FMA", "FMA3" -> "FMA";
            case "F16C" -> "F16C";
            case "NEON", "ASIMD", "V8", "HW.OPTIONAL.NEON" -> "NEON";
            case "SVE" -> "SVE";
            default -> null;
        };
    }
}
