package dev.breakeven.core.fit;

import java.util.Locale;
import java.util.Set;

/**
 * The llama.cpp build that will run the model, because builds differ in what they allocate by default.
 * <ul>
 * <li>{@link #BUILTIN}: the llama.cpp embedded in java-llama.cpp 4.2.0 (b4916, March 2025). Flash attention is a
 * plain switch, off unless asked for, and its graph reserves logits for the whole micro-batch.</li>
 * <li>{@link #RUNTIME}: a current llama.cpp release ({@code llama-server}). {@code -fa auto} is the default and
 * turns flash attention on where the backend has the kernel; the graph reserves one logits row per sequence.</li>
 * </ul>
 */
public enum ServingEngine {
    BUILTIN("built-in (java-llama.cpp, llama.cpp b4916)", FlashAttention.OFF, false),
    RUNTIME("llama.cpp runtime (current llama-server)", FlashAttention.AUTO, true);

    /** Backends whose current llama.cpp has a flash-attention kernel for ordinary head sizes (64–256). */
    private static final Set<String> FLASH_BACKENDS = Set.of("cpu", "cuda", "metal", "vulkan", "rocm");

    private final String label;
    private final FlashAttention defaultFlashAttention;
    private final boolean autoSupported;

    ServingEngine(String label, FlashAttention defaultFlashAttention, boolean autoSupported) {
        this.label = label;
        this.defaultFlashAttention = defaultFlashAttention;
        this.autoSupported = autoSupported;
    }

    public String label() {
        return label;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public FlashAttention defaultFlashAttention() {
        return defaultFlashAttention;
    }

    /**
     * Whether flash attention runs for a setting on a backend ({@code cpu} when the graph runs on the CPU).
     * {@code auto} means on where the backend supports it in current llama.cpp; b4916 has no auto, so off.
     */
    public boolean flashAttention(FlashAttention setting, String backend) {
        return switch (setting) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> autoSupported && FLASH_BACKENDS.contains(backend == null ? "cpu" : backend);
        };
    }

    /** Logits rows the compute graph is sized for at a micro-batch: b4916 reserves the whole micro-batch. */
    public int reservedOutputRows(int ubatch) {
        return this == BUILTIN ? ubatch : 1;
    }

    public static ServingEngine parse(String text) {
        for (ServingEngine value : values()) {
            if (value.cliName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + text + "' (use builtin or runtime)");
    }
}
