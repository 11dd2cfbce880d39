package dev.breakeven.core.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * Writes a GGUF file (version 3 unless told otherwise, little-endian): metadata of every type, tensor
 * descriptions, alignment padding, then tensor data. A tensor without data is left sparse: the writer
 * seeks past it and sets the file length, so a 7B-shaped file of zeros costs almost no disk on file
 * systems with holes (ext4, xfs, btrfs, APFS, NTFS sparse files aside).
 */
public final class GgufWriter {
    private final SequencedMap<String, GgufValue> metadata = new LinkedHashMap<>();
    private final List<PendingTensor> tensors = new ArrayList<>();
    private int version = 3;
    private int alignment = GgufReader.DEFAULT_ALIGNMENT;

    private record PendingTensor(String name, GgmlType type, long[] dimensions, byte[] data, long byteSize) {
    }

    /** Version written in the header; 2 and 3 share the little-endian layout. */
    public GgufWriter version(int version) {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("can write GGUF versions 2 and 3, not " + version);
        }
        this.version = version;
        return this;
    }

    /** Also writes {@code general.alignment} when it differs from the default 32. */
    public GgufWriter alignment(int alignment) {
        if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two, not " + alignment);
        }
        this.alignment = alignment;
        if (alignment != GgufReader.DEFAULT_ALIGNMENT) {
            metadata.put("general.alignment", new GgufValue.UInt32(alignment));
        } else {
            metadata.remove("general.alignment");
        }
        return this;
    }

    public GgufWriter put(String key, GgufValue value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (value instanceof GgufValue.Array array && !array.isComplete()) {
            throw new IllegalArgumentException("cannot write the partly kept array '" + key + "'");
        }
        metadata.put(key, value);
        return this;
    }

    public GgufWriter putString(String key, String value) {
        return put(key, new GgufValue.Str(value));
    }

    public GgufWriter putUInt32(String key, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(key + ": " + value + " does not fit a uint32");
        }
        return put(key, new GgufValue.UInt32(value));
    }

    public GgufWriter putInt32(String key, int value) {
        return put(key, new GgufValue.Int32(value));
    }

    public GgufWriter putFloat32(String key, float value) {
        return put(key, new GgufValue.Float32(value));
    }

    public GgufWriter putBool(String key, boolean value) {
        return put(key, new GgufValue.Bool(value));
    }

    public GgufWriter putStrings(String key, List<String> values) {
        return put(key, GgufValue.Array.of(GgufValueType.STRING, values.stream().map(GgufValue.Str::new).toList()));
    }

    public GgufWriter putFloats(String key, float[] values) {
        List<GgufValue> elements = new ArrayList<>(values.length);
        for (float value : values) {
            elements.add(new GgufValue.Float32(value));
        }
        return put(key, GgufValue.Array.of(GgufValueType.FLOAT32, elements));
    }

    public GgufWriter putInts(String key, int[] values) {
        List<GgufValue> elements = new ArrayList<>(values.length);
        for (int value : values) {
            elements.add(new GgufValue.Int32(value));
        }
        return put(key, GgufValue.Array.of(GgufValueType.INT32, elements));
    }

    /** A tensor whose data is left as a hole (reads as zeros; zero bytes are valid blocks for every type). */
    public GgufWriter addSparseTensor(String name, GgmlType type, long... dimensions) {
        return add(name, type, dimensions, null);
    }

    /** A tensor with the given data, which must be exactly the tensor's byte size. */
    public GgufWriter addTensor(String name, GgmlType type, byte[] data, long... dimensions) {
        Objects.requireNonNull(data, "data");
        return add(name, type, dimensions, data);
    }

    private GgufWriter add(String name, GgmlType type, long[] dimensions, byte[] data) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        List<Long> dims = java.util.Arrays.stream(dimensions).boxed().toList();
        long byteSize = GgufTensorInfo.byteSize(name, dims, type);
        if (data != null && data.length != byteSize) {
            throw new IllegalArgumentException("tensor '" + name + "' needs " + byteSize + " bytes, got " + data.length);
        }
        for (PendingTensor tensor : tensors) {
            if (tensor.name.equals(name)) {
                throw new IllegalArgumentException("tensor '" + name + "' added twice");
            }
        }
        tensors.add(new PendingTensor(name, type, dimensions.clone(), data, byteSize));
        return this;
    }

    /** Writes the file, replacing any file at {@code path}; returns its size in bytes. */
    public long write(Path path) throws IOException {
        Header header = new Header();
        header.u32(GgufReader.MAGIC);
        header.u32(version);
        header.i64(tensors.size());
        header.i64(metadata.size());
        for (var entry : metadata.entrySet()) {
            header.string(entry.getKey());
            header.u32(entry.getValue().type().id());
            header.value(entry.getValue());
        }
        long[] offsets = new long[tensors.size()];
        long dataBytes = 0;
        for (int i = 0; i < tensors.size(); i++) {
            PendingTensor tensor = tensors.get(i);
            offsets[i] = dataBytes;
            header.string(tensor.name);
            header.u32(tensor.dimensions.length);
            for (long dimension : tensor.dimensions) {
                header.i64(dimension);
            }
            header.u32(tensor.type.id());
            header.i64(offsets[i]);
            dataBytes = GgufReader.alignUp(dataBytes + tensor.byteSize, alignment);
        }
        byte[] headerBytes = header.toByteArray();
        long dataOffset = GgufReader.alignUp(headerBytes.length, alignment);
        long fileSize = dataOffset + dataBytes;
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(0);
            FileChannel channel = file.getChannel();
            writeFully(channel, ByteBuffer.wrap(headerBytes), 0);
            for (int i = 0; i < tensors.size(); i++) {
                byte[] data = tensors.get(i).data;
                if (data != null) {
                    writeFully(channel, ByteBuffer.wrap(data), dataOffset + offsets[i]);
                }
            }
            file.setLength(fileSize);
        }
        return fileSize;
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    /** The header being assembled, little-endian. */
    private static final class Header {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void u8(int value) {
            out.write(value);
        }

        void u16(int value) {
            out.write(scratch.clear().putShort((short) value).array(), 0, 2);
        }

        void u32(long value) {
            out.write(scratch.clear().putInt((int) value).array(), 0, 4);
        }

        void i64(long value) {
            out.write(scratch.clear().putLong(value).array(), 0, 8);
        }

        void string(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            i64(bytes.length);
            out.writeBytes(bytes);
        }

        void value(GgufValue value) {
            switch (value) {
                case GgufValue.UInt8 v -> u8(v.value());
                case GgufValue.Int8 v -> u8(v.value());
                case GgufValue.UInt16 v -> u16(v.value());
                case GgufValue.Int16 v -> u16(v.value());
                case GgufValue.UInt32 v -> u32(v.value());
                case GgufValue.Int32 v -> u32(v.value());
                case GgufValue.UInt64 v -> i64(v.bits());
                case GgufValue.Int64 v -> i64(v.value());
                case GgufValue.Float32 v -> u32(Float.floatToRawIntBits(v.value()));
                case GgufValue.Float64 v -> i64(Double.doubleToRawLongBits(v.value()));
                case GgufValue.Bool v -> u8(v.value() ? 1 : 0);
                case GgufValue.Str v -> string(v.value());
                case GgufValue.Array v -> {
                    u32(v.elementType().id());
                    i64(v.length());
                    for (GgufValue element : v.elements()) {
                        value(element);
                    }
                }
            }
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
