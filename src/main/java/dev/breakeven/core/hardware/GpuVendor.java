package dev.breakeven.core.hardware;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** GPU makers the probes know how to ask; everything else is {@link #OTHER}. */
public enum GpuVendor {
    NVIDIA, AMD, INTEL, APPLE, OTHER;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Guesses the vendor from a free-text name or vendor string, as OSHI and the tools report them. */
    public static GpuVendor fromText(String text) {
        if (text == null) {
            return OTHER;
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("nvidia") || t.contains("geforce") || t.contains("quadro") || t.contains("tesla")) {
            return NVIDIA;
        }
        if (t.contains("amd") || t.contains("advanced micro") || t.contains("radeon") || t.contains("ati ")
                || t.contains("0x1002")) {
            return AMD;
        }
        if (t.contains("apple")) {
            return APPLE;
        }
        if (t.contains("intel") || t.contains("0x8086")) {
            return INTEL;
        }
        return OTHER;
    }
}
