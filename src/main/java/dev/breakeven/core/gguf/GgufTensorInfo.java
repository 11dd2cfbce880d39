package dev.breakeven.core.gguf;

import java.util.List;
import java.util.Objects;

/**
 * One tensor as described in the header.
 *
 * @param name       e.g. {@code blk.0.attn_q.weight}
 * @param dimensions ggml order: the first dimension is the innermost (a row)
 * @param type       element type
 * @param offset     start of the data, relative to {@link GgufFile#dataOffset()}
 */
public record GgufTensorInfo(String name, List<Long> dimensions, GgmlType type, long offset) {

    public GgufTensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        dimensions = List.copyOf(dimensions);
        if (offset < 0) {
            throw new GgufFormatException("tensor '" + name + "' has a negative data offset");
        }
        // validates the dimensions and block divisibility up front
        byteSize(name, dimensions, type);
    }

    /** Product of the dimensions. */
    public long elementCount() {
        return elementCount(name, dimensions);
    }

    /** Exact bytes of the tensor's data in the file: elements / block size × bytes per block. */
    public long byteSize() {
        return byteSize(name, dimensions, type);
    }

    /** The layer index for a {@code blk.N.…} tensor, or -1 for tensors outside the layers (embeddings, output). */
    public int layerIndex() {
        if (!name.startsWith("blk.")) {
            return -1;
        }
        int end = name.indexOf('.', 4);
        if (end < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(name, 4, end, 10);
        } catch (NumberFormatException notALayer) {
            return -1;
        }
    }

    static long elementCount(String name, List<Long> dimensions) {
        long count = 1;
        for (long dimension : dimensions) {
            if (dimension < 0) {
                throw new GgufFormatException("tensor '" + name + "' has a negative dimension " + dimension);
            }
            try {
                count = Math.multiplyExact(count, dimension);
            } catch (ArithmeticException overflow) {
                throw new GgufFormatException("tensor '" + name + "' has dimensions " + dimensions
                        + " whose product overflows 64 bits");
            }
        }
        return count;
    }

    static long byteSize(String name, List<Long> dimensions, GgmlType type) {
        long elements = elementCount(name, dimensions);
        long rowLength = dimensions.isEmpty() ? 1 : dimensions.getFirst();
        if (rowLength % type.blockSize() != 0) {
            throw new GgufFormatException("tensor '" + name + "' has rows of " + rowLength + " elements, not a whole number of "
                    + type + " blocks of " + type.blockSize());
        }
        try {
            return type.byteSize(elements);
        } catch (ArithmeticException overflow) {
            throw new GgufFormatException("tensor '" + name + "' is too large to address");
        }
    }
}
