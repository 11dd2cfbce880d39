package dev.breakeven.core.runtime;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The llama.cpp GPU backends a runtime can be built with, as the user names them on the command line. */
public enum Backend {
    CPU, CUDA, VULKAN, METAL, HIP;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the ids above and {@code rocm} for HIP (llama.cpp's Linux archives say rocm, its Windows ones hip). */
    public static Optional<Backend> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("rocm")) {
            return Optional.of(HIP);
        }
        return Arrays.stream(values()).filter(b -> b.id().equals(t)).findFirst();
    }
}
