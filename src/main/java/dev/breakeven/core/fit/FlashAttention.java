package dev.breakeven.core.fit;

import java.util.Locale;

/**
 * llama.cpp's flash-attention setting ({@code -fa on|off|auto}). It changes the compute buffer: without flash
 * attention every head's f32 attention scores for a micro-batch ({@code cells × ubatch × heads}) are materialised;
 * with it they are computed in tiles and never stored.
 */
public enum FlashAttention {
    ON, OFF, AUTO;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FlashAttention parse(String text) {
        for (FlashAttention value : values()) {
            if (value.cliName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown flash-attention setting '" + text + "' (use on, off or auto)");
    }
}
