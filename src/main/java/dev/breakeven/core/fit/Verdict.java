package dev.breakeven.core.fit;

import java.util.Locale;

/** Where a model runs: all on the GPU, split, on the CPU only, or not at all. */
public enum Verdict {
    FULL, PARTIAL, CPU, NONE;

    /** The word the CLI prints ({@code full}, {@code partial}, {@code cpu}, {@code none}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
