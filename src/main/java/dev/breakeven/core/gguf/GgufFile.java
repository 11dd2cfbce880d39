package dev.breakeven.core.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SequencedMap;

/**
 * The header of a GGUF file: its metadata in file order and its tensor descriptions. Never holds tensor data.
 *
 * @param version    GGUF version (2 or 3)
 * @param metadata   key → value, in the order of the file
 * @param tensors    tensor descriptions, in the order of the file
 * @param alignment  data alignment ({@code general.alignment}, 32 by default)
 * @param dataOffset absolute file position where tensor data starts
 * @param fileSize   size of the file in bytes
 */
public record GgufFile(int version, SequencedMap<String, GgufValue> metadata, List<GgufTensorInfo> tensors,
                       int alignment, long dataOffset, long fileSize) {

    public GgufFile {
        metadata = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(metadata));
        tensors = List.copyOf(tensors);
    }

    public Optional<GgufValue> value(String key) {
        return Optional.ofNullable(metadata.get(key));
    }

    public boolean has(String key) {
        return metadata.containsKey(key);
    }

    /** A string value; a value of another type is a {@link GgufFormatException}. */
    public Optional<String> string(String key) {
        return value(key).map(value -> switch (value) {
            case GgufValue.Str s -> s.value();
            default -> throw wrongType(key, value, "a string");
        });
    }

    /** A non-negative integer of any integer type (uint8 … int64). */
    public OptionalLong uint(String key) {
        Optional<GgufValue> value = value(key);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong number = value.get().asLong();
        if (number.isEmpty() || number.getAsLong() < 0) {
            throw wrongType(key, value.get(), "a non-negative integer");
        }
        return number;
    }

    /** An integer of any integer type, as a signed long. */
    public OptionalLong integer(String key) {
        Optional<GgufValue> value = value(key);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong number = value.get().asLong();
        if (number.isEmpty()) {
            throw wrongType(key, value.get(), "an integer");
        }
        return number;
    }

    /** Any number (integer or float). */
    public OptionalDouble number(String key) {
        Optional<GgufValue> value = value(key);
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        return switch (value.get()) {
            case GgufValue.Float32 f -> OptionalDouble.of(f.value());
            case GgufValue.Float64 f -> OptionalDouble.of(f.value());
            case GgufValue other -> {
                OptionalLong number = other.asLong();
                if (number.isEmpty()) {
                    throw wrongType(key, other, "a number");
                }
                yield OptionalDouble.of(number.getAsLong());
            }
        };
    }

    public Optional<Boolean> bool(String key) {
        return value(key).map(value -> switch (value) {
            case GgufValue.Bool b -> b.value();
            default -> throw wrongType(key, value, "a boolean");
        });
    }

    public Optional<GgufValue.Array> array(String key) {
        return value(key).map(value -> switch (value) {
            case GgufValue.Array a -> a;
            default -> throw wrongType(key, value, "an array");
        });
    }

    /** {@code general.architecture}, e.g. {@code llama}. */
    public Optional<String> architecture() {
        return string("general.architecture");
    }

    public Optional<GgufTensorInfo> tensor(String name) {
        Objects.requireNonNull(name, "name");
        for (GgufTensorInfo tensor : tensors) {
            if (tensor.name().equals(name)) {
                return Optional.of(tensor);
            }
        }
        return Optional.empty();
    }

    /** Sum of every tensor's bytes. */
    public long tensorBytes() {
        long total = 0;
        for (GgufTensorInfo tensor : tensors) {
            total += tensor.byteSize();
        }
        return total;
    }

    private static GgufFormatException wrongType(String key, GgufValue value, String expected) {
        return new GgufFormatException("metadata '" + key + "' is " + describe(value) + ", expected " + expected);
    }

    private static String describe(GgufValue value) {
        return switch (value) {
            case GgufValue.Array a -> "an array of " + a.elementType().name().toLowerCase(java.util.Locale.ROOT);
            case GgufValue.UInt64 u when !u.fitsInLong() -> "the uint64 " + Long.toUnsignedString(u.bits());
            case GgufValue other -> "a " + other.type().name().toLowerCase(java.util.Locale.ROOT)
                    + other.asLong().stream().mapToObj(n -> " (" + n + ")").findFirst().orElse("");
        };
    }
}
