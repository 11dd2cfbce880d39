package dev.breakeven.core.fit;

import java.util.Locale;

/**
 * Element type of llama.cpp's KV cache ({@code --cache-type-k/-v}). Quantized caches store blocks of 32
 * values: q8_0 as 32 int8 plus an f16 scale (34 bytes), q4_0 as 16 bytes of nibbles plus an f16 scale (18 bytes).
 */
public enum KvCacheType {
    F16(2, 1),
    Q8_0(34, 32),
    Q4_0(18, 32);

    private final int blockBytes;
    private final int blockElements;

    KvCacheType(int blockBytes, int blockElements) {
        this.blockBytes = blockBytes;
        this.blockElements = blockElements;
    }

    /** Bytes needed for {@code elements} values (rows of K/V are multiples of the block size). */
    public long bytes(long elements) {
        return (elements + blockElements - 1) / blockElements * blockBytes;
    }

    public double bytesPerElement() {
        return (double) blockBytes / blockElements;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KvCacheType parse(String text) {
        for (KvCacheType type : values()) {
            if (type.cliName().equalsIgnoreCase(text.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown KV cache type '" + text + "' (use f16, q8_0 or q4_0)");
    }
}
