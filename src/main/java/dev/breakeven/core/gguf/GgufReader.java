package dev.breakeven.core.gguf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reads the header of a GGUF v2 or v3 file (little-endian): metadata, tensor descriptions, alignment and
 * data offset. Tensor data is never read. Every count and length is checked against what the rest of the
 * file could hold before anything is allocated, so a damaged or hostile file fails fast with a
 * {@link GgufFormatException} in bounded memory.
 */
public final class GgufReader {
    static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
    static final long MAX_STRING_BYTES = 64L << 20;
    static final int MAX_KEY_BYTES = 1 << 16;
    static final int MAX_TENSOR_NAME_BYTES = 1 << 12;
    static final int MAX_DIMENSIONS = 4;         // GGML_MAX_DIMS
    static final int MAX_ARRAY_NESTING = 8;
    static final int DEFAULT_ALIGNMENT = 32;
    /** Smallest tensor description: name length, dimension count, type, offset. */
    private static final int MIN_TENSOR_INFO_BYTES = 8 + 4 + 4 + 8;
    /** Smallest key/value pair: key length, value type, a one-byte value. */
    private static final int MIN_KV_BYTES = 8 + 4 + 1;

    private final HeaderInput in;
    private final GgufReadOptions options;
    private long keptBudget;
    private long stringBudget;

    private GgufReader(HeaderInput in, GgufReadOptions options) {
        this.in = in;
        this.options = options;
        this.keptBudget = options.keptElementBudget();
        this.stringBudget = options.keptStringBudget();
    }

    public static GgufFile read(Path path) throws IOException {
        return read(path, GgufReadOptions.DEFAULT);
    }

    /**
     * @throws GgufFormatException  the file is not GGUF, or its header is damaged or impossible
     * @throws java.io.IOException the file cannot be opened or read
     */
    public static GgufFile read(Path path, GgufReadOptions options) throws IOException {
        // Opening a FIFO (or a device) named x.gguf would block until a writer appears, or read forever.
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new GgufFormatException(java.nio.file.Files.exists(path)
                    ? "not a regular file (a pipe, device or folder), so not a GGUF model" : "no such file");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(channel, options);
        }
    }

    /** Reads a header from any seekable channel (a file, or bytes in memory); the channel is left open. */
    public static GgufFile read(SeekableByteChannel channel, GgufReadOptions options) throws IOException {
        HeaderInput in = new HeaderInput(channel, channel.size());
        return new GgufReader(in, options).readFile();
    }

    private GgufFile readFile() throws IOException {
        checkMagic();
        in.context(() -> "the GGUF version");
        long version = in.u32();
        if (version == 1) {
            throw new GgufFormatException("GGUF version 1 files are not supported (written by 2023 tools); "
                    + "convert the model again with a current llama.cpp");
        }
        if (version != 2 && version != 3) {
            throw new GgufFormatException("unsupported GGUF version " + version + " (this reader knows versions 2 and 3)");
        }
        in.context(() -> "the tensor count");
        long tensorCount = count(in.i64(), MIN_TENSOR_INFO_BYTES, "tensor count");
        in.context(() -> "the metadata count");
        long kvCount = count(in.i64(), MIN_KV_BYTES, "metadata count");

        LinkedHashMap<String, GgufValue> metadata = LinkedHashMap.newLinkedHashMap((int) Math.min(kvCount, 1024));
        for (long i = 0; i < kvCount; i++) {
            long index = i;
            in.context(() -> "the key of metadata entry " + index);
            String key = string(MAX_KEY_BYTES, "metadata key");
            in.context(() -> "metadata '" + key + "'");
            GgufValue value = value(valueType(in.u32()), 0);
            if (metadata.putIfAbsent(key, value) != null) {
                throw new GgufFormatException("metadata key '" + key + "' appears twice");
            }
        }

        int alignment = alignment(metadata.get("general.alignment"));
        List<GgufTensorInfo> tensors = new ArrayList<>((int) Math.min(tensorCount, 4096));
        Set<String> names = new HashSet<>();
        for (long i = 0; i < tensorCount; i++) {
            GgufTensorInfo tensor = tensorInfo(i);
            if (!names.add(tensor.name())) {
                throw new GgufFormatException("tensor '" + tensor.name() + "' appears twice");
            }
            if (tensor.offset() % alignment != 0) {
                throw new GgufFormatException("tensor '" + tensor.name() + "' starts at data offset " + tensor.offset()
                        + ", not a multiple of the alignment " + alignment);
            }
            tensors.add(tensor);
        }
        long dataOffset = alignUp(in.position(), alignment);
        checkTensorData(tensors, dataOffset);
        return new GgufFile((int) version, metadata, tensors, alignment, dataOffset, in.fileSize());
    }

    private void checkMagic() throws IOException {
        byte[] start = in.peekStart(8);
        if (start.length == 0) {
            throw new GgufFormatException("the file is empty, not a GGUF model");
        }
        boolean magic = start.length >= 4 && start[0] == 'G' && start[1] == 'G' && start[2] == 'U' && start[3] == 'F';
        if (!magic) {
            throw new GgufFormatException("not a GGUF file (starts with '" + printable(start) + "'"
                    + guess(start) + ")");
        }
        in.context(() -> "the magic number");
        in.i32();
    }

    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            int b = bytes[i] & 0xFF;
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return text.toString();
    }

    private static String guess(byte[] start) {
        String head = new String(start, StandardCharsets.ISO_8859_1);
        if (head.startsWith("PK")) {
            return "; a zip archive";
        }
        if (head.startsWith("FUGG")) {
            return "; a big-endian GGUF, which this reader does not read";
        }
        if (head.startsWith("ggjt") || head.startsWith("tjgg") || head.startsWith("ggml") || head.startsWith("lmgg")) {
            return "; a pre-GGUF GGML model, convert it with a current llama.cpp";
        }
        if (head.startsWith("{") || head.startsWith("<")) {
            return "; a text file";
        }
        return "";
    }

    /** A count from the file, refused when the rest of the file could not hold that many items. */
    private long count(long raw, int minItemBytes, String what) {
        long possible = in.remaining() / minItemBytes;
        if (raw < 0 || raw > possible) {
            throw new GgufFormatException(what + " " + Long.toUnsignedString(raw) + " at byte " + (in.position() - 8)
                    + " is impossible: the remaining " + in.remaining() + " bytes hold at most " + possible
                    + " (damaged file, or not a GGUF model)");
        }
        return raw;
    }

    private String string(long limit, String what) throws IOException {
        long length = in.i64();
        if (length < 0 || length > limit || length > in.remaining()) {
            throw new GgufFormatException(what + " length " + Long.toUnsignedString(length) + " at byte " + (in.position() - 8)
                    + " while reading " + in.context() + " is impossible ("
                    + (length >= 0 && length <= limit ? "only " + in.remaining() + " bytes remain" : "limit " + limit + " bytes")
                    + ")");
        }
        return in.utf8((int) length);
    }

    /** A metadata string value, of which at most the options' share is kept; the rest is skipped unread. */
    private String keptString() throws IOException {
        long length = in.i64();
        if (length < 0 || length > MAX_STRING_BYTES || length > in.remaining()) {
            throw new GgufFormatException("string length " + Long.toUnsignedString(length) + " at byte " + (in.position() - 8)
                    + " while reading " + in.context() + " is impossible ("
                    + (length >= 0 && length <= MAX_STRING_BYTES ? "only " + in.remaining() + " bytes remain"
                    : "limit " + MAX_STRING_BYTES + " bytes") + ")");
        }
        int keep = (int) Math.min(length, Math.min(options.keptStringBytes(), stringBudget));
        stringBudget -= keep;
        String kept = in.utf8(keep);
        in.skip(length - keep);
        return kept;
    }

    private GgufValueType valueType(long id) {
        return GgufValueType.byId(id).orElseThrow(() -> new GgufFormatException(
                "unknown metadata value type " + id + " at byte " + (in.position() - 4) + " in " + in.context()));
    }

    private GgufValue value(GgufValueType type, int depth) throws IOException {
        return switch (type) {
            case UINT8 -> new GgufValue.UInt8(in.u8());
            case INT8 -> new GgufValue.Int8((byte) in.u8());
            case UINT16 -> new GgufValue.UInt16(in.u16());
            case INT16 -> new GgufValue.Int16(in.i16());
            case UINT32 -> new GgufValue.UInt32(in.u32());
            case INT32 -> new GgufValue.Int32(in.i32());
            case UINT64 -> new GgufValue.UInt64(in.i64());
            case INT64 -> new GgufValue.Int64(in.i64());
            case FLOAT32 -> new GgufValue.Float32(in.f32());
            case FLOAT64 -> new GgufValue.Float64(in.f64());
            case BOOL -> bool();
            case STRING -> new GgufValue.Str(keptString());
            case ARRAY -> array(depth + 1);
        };
    }

    private GgufValue bool() throws IOException {
        int raw = in.u8();
        if (raw > 1) {
            throw new GgufFormatException("boolean byte " + raw + " at byte " + (in.position() - 1) + " in " + in.context()
                    + " is neither 0 nor 1");
        }
        return new GgufValue.Bool(raw == 1);
    }

    private GgufValue array(int depth) throws IOException {
        if (depth > MAX_ARRAY_NESTING) {
            throw new GgufFormatException("arrays nested more than " + MAX_ARRAY_NESTING + " deep in " + in.context());
        }
        GgufValueType elementType = valueType(in.u32());
        long length = in.i64();
        long possible = in.remaining() / elementType.minBytes();
        if (length < 0 || length > possible) {
            throw new GgufFormatException("array length " + Long.toUnsignedString(length) + " at byte " + (in.position() - 8)
                    + " in " + in.context() + " is impossible: the remaining " + in.remaining() + " bytes hold at most "
                    + possible + " " + elementType.name().toLowerCase(java.util.Locale.ROOT) + " values");
        }
        long keep = Math.min(length, Math.min(options.keptArrayElements(), keptBudget));
        keptBudget -= keep;
        List<GgufValue> kept = new ArrayList<>((int) Math.min(keep, 4096));
        for (long i = 0; i < keep; i++) {
            kept.add(value(elementType, depth));
        }
        skipValues(elementType, length - keep, depth);
        return new GgufValue.Array(elementType, length, kept);
    }

    /** Moves past array elements that are not kept: fixed-size ones in one jump, strings by their lengths. */
    private void skipValues(GgufValueType type, long count, int depth) throws IOException {
        if (count == 0) {
            return;
        }
        switch (type) {
            case STRING -> {
                for (long i = 0; i < count; i++) {
                    long length = in.i64();
                    if (length < 0 || length > MAX_STRING_BYTES || length > in.remaining()) {
                        throw new GgufFormatException("string length " + Long.toUnsignedString(length) + " at byte "
                                + (in.position() - 8) + " in " + in.context() + " is impossible (only "
                                + in.remaining() + " bytes remain)");
                    }
                    in.skip(length);
                }
            }
            case ARRAY -> {
                for (long i = 0; i < count; i++) {
                    array(depth + 1);
                }
            }
            case BOOL -> {
                for (long i = 0; i < count; i++) {
                    bool();
                }
            }
            default -> in.skip(Math.multiplyExact(count, (long) type.minBytes()));
        }
    }

    private static int alignment(GgufValue value) {
        if (value == null) {
            return DEFAULT_ALIGNMENT;
        }
        long alignment = value.asLong().orElseThrow(() -> new GgufFormatException(
                "general.alignment is a " + value.type() + ", expected an integer"));
        if (alignment <= 0 || alignment > (1 << 30) || Long.bitCount(alignment) != 1) {
            throw new GgufFormatException("general.alignment " + alignment + " is not a power of two");
        }
        return (int) alignment;
    }

    private GgufTensorInfo tensorInfo(long index) throws IOException {
        in.context(() -> "the name of tensor " + index);
        String name = string(MAX_TENSOR_NAME_BYTES, "tensor name");
        in.context(() -> "tensor '" + name + "'");
        long dimensionCount = in.u32();
        if (dimensionCount > MAX_DIMENSIONS) {
            throw new GgufFormatException("tensor '" + name + "' has " + dimensionCount + " dimensions; ggml allows at most "
                    + MAX_DIMENSIONS);
        }
        List<Long> dimensions = new ArrayList<>((int) dimensionCount);
        for (int d = 0; d < dimensionCount; d++) {
            long dimension = in.i64();
            if (dimension < 0) {
                throw new GgufFormatException("tensor '" + name + "' has dimension " + Long.toUnsignedString(dimension)
                        + ", beyond what ggml accepts");
            }
            dimensions.add(dimension);
        }
        long typeId = in.u32();
        GgmlType type = GgmlType.byId(typeId).orElseThrow(() -> new GgufFormatException(
                "tensor '" + name + "' has unknown ggml type id " + typeId
                        + " (made by a newer llama.cpp, or a damaged file)"));
        long offset = in.i64();
        if (offset < 0) {
            throw new GgufFormatException("tensor '" + name + "' has data offset " + Long.toUnsignedString(offset)
                    + ", beyond any file");
        }
        return new GgufTensorInfo(name, dimensions, type, offset);
    }

    private void checkTensorData(List<GgufTensorInfo> tensors, long dataOffset) {
        long dataBytes = in.fileSize() - dataOffset;
        if (!tensors.isEmpty() && dataBytes < 0) {
            throw new GgufFormatException("the file ends at byte " + in.fileSize() + ", before its tensor data starts at byte "
                    + dataOffset + " (an incomplete download?)");
        }
        List<GgufTensorInfo> byOffset = new ArrayList<>(tensors);
        byOffset.sort(java.util.Comparator.comparingLong(GgufTensorInfo::offset));
        long previousEnd = 0;
        String previousName = null;
        for (GgufTensorInfo tensor : byOffset) {
            long end = tensor.offset() + tensor.byteSize();
            if (end < 0 || end > dataBytes) {
                throw new GgufFormatException("tensor '" + tensor.name() + "' data (bytes " + (dataOffset + tensor.offset())
                        + " to " + (dataOffset + end) + ") extends past the end of the file at byte " + in.fileSize()
                        + " (an incomplete download?)");
            }
            if (tensor.offset() < previousEnd) {
                throw new GgufFormatException("tensor '" + tensor.name() + "' overlaps tensor '" + previousName + "'");
            }
            previousEnd = end;
            previousName = tensor.name();
        }
    }

    static long alignUp(long position, int alignment) {
        long remainder = position % alignment;
        return remainder == 0 ? position : position + alignment - remainder;
    }
}
