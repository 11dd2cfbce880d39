package dev.breakeven.core.gguf;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One metadata value of a GGUF header. Unsigned types keep their bits in a wider Java type
 * ({@code UInt32} in a long); {@code UInt64} keeps the raw 64 bits, see {@link UInt64#fitsInLong()}.
 */
public sealed interface GgufValue {

    GgufValueType type();

    /** The value as a signed long, for any integer type; empty for other types or a uint64 above {@code Long.MAX_VALUE}. */
    default OptionalLong asLong() {
        return OptionalLong.empty();
    }

    record UInt8(int value) implements GgufValue {
        public GgufValueType type() { return GgufValueType.UINT8; }
        @Override public OptionalLong asLong() { return OptionalLong.of(value); }
    }

    record Int8(byte value) implements GgufValue {
        public GgufValueType type() { return GgufValueType.INT8; }
        @Override public OptionalLong asLong() { return OptionalLong.of(value); }
    }

    record UInt16(int value) implements GgufValue {
        public GgufValueType type() { return GgufValueType.UINT16; }
        @Override public OptionalLong asLong() { return OptionalLong.of(value); }
    }

    record Int16(short value) implements GgufValue {
        public GgufValueType type() { return GgufValueType.INT16; }
        @Override public OptionalLong asLong() { return OptionalLong.of(value); }
    }

    record UInt32(long value) implements GgufValue {
        public GgufValueType type() { return GgufValueType.UINT32; }
        @Override public OptionalLong asLong() { return OptionalLong.of(value); }
    }

    record Int32(int value) implements GgufValue {
        public GgufValueType type() { return GgufValueType.INT32; }
        @Override public OptionalLong asLong() { return OptionalLong.of(value); }
    }

    /** @param bits the unsigned value's raw bits; negative when the value is 2^63 or more */
    record UInt64(long bits) implements GgufValue {
        public GgufValueType type() { return GgufValueType.UINT64; }
        public boolean fitsInLong() { return bits >= 0; }
        @Override public OptionalLong asLong() {
            return bits >= 0 ? OptionalLong.of(bits) : OptionalLong.empty();
        }
        @Override public String toString() { return "UInt64[" + Long.toUnsignedString(bits) + "]"; }
    }

    record Int64(long value) implements GgufValue {
        public GgufValueType type() { return GgufValueType.INT64; }
        @Override public OptionalLong asLong() { return OptionalLong.of(value); }
    }

    record Float32(float value) implements GgufValue {
        public GgufValueType type() { return GgufValueType.FLOAT32; }
    }

    record Float64(double value) implements GgufValue {
        public GgufValueType type() { return GgufValueType.FLOAT64; }
    }

    record Bool(boolean value) implements GgufValue {
        public GgufValueType type() { return GgufValueType.BOOL; }
    }

    record Str(String value) implements GgufValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }
        public GgufValueType type() { return GgufValueType.STRING; }
    }

    /**
     * An array. Big arrays (a 150 000-token vocabulary) are counted in full but only their first
     * elements are kept, so a header costs little memory; {@link #isComplete()} tells which.
     *
     * @param elementType the type of every element
     * @param length      the number of elements in the file
     * @param elements    the first {@code elements.size() <= length} elements
     */
    record Array(GgufValueType elementType, long length, List<GgufValue> elements) implements GgufValue {
        public Array {
            Objects.requireNonNull(elementType, "elementType");
            elements = List.copyOf(elements);
            if (length < elements.size()) {
                throw new IllegalArgumentException("array length " + length + " below its " + elements.size() + " kept elements");
            }
            for (GgufValue element : elements) {
                if (element.type() != elementType) {
                    throw new IllegalArgumentException("array of " + elementType + " holds a " + element.type());
                }
            }
        }

        /** A fully kept array. */
        public static Array of(GgufValueType elementType, List<? extends GgufValue> elements) {
            return new Array(elementType, elements.size(), List.copyOf(elements));
        }

        public GgufValueType type() { return GgufValueType.ARRAY; }

        public boolean isComplete() {
            return elements.size() == length;
        }

        @Override public String toString() {
            return "Array[" + elementType + " × " + length + (isComplete() ? "" : ", first " + elements.size() + " kept") + "]";
        }
    }
}
