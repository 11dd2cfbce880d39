package dev.breakeven.core.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Little-endian reads from a file (or any seekable channel) through one small buffer, tracking the absolute position,
 * so a header is parsed with a handful of system calls and skipped bytes are never read.
 * Every read names what it was reading when the file ends early.
 */
final class HeaderInput {
    private static final int BUFFER_BYTES = 1 << 16;

    private final SeekableByteChannel channel;
    private final long fileSize;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    /** Absolute file position of buffer index 0. */
    private long bufferStart;
    private Supplier<String> context = () -> "the header";

    HeaderInput(SeekableByteChannel channel, long fileSize) {
        this.channel = channel;
        this.fileSize = fileSize;
        buffer.limit(0);
    }

    void context(Supplier<String> what) {
        this.context = what;
    }

    String context() {
        return context.get();
    }

    long position() {
        return bufferStart + buffer.position();
    }

    long fileSize() {
        return fileSize;
    }

    long remaining() {
        return fileSize - position();
    }

    private void require(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return;
        }
        if (remaining() < bytes) {
            throw truncated();
        }
        bufferStart += buffer.position();
        buffer.compact();
        while (buffer.position() < bytes) {
            int read = channel.position(bufferStart + buffer.position()).read(buffer);
            if (read < 0) {
                buffer.flip();
                throw truncated();
            }
        }
        buffer.flip();
    }

    GgufFormatException truncated() {
        return new GgufFormatException("truncated at byte " + fileSize + " while reading " + context.get()
                + " (the file is " + fileSize + " bytes; an incomplete download?)");
    }

    int u8() throws IOException {
        require(1);
        return buffer.get() & 0xFF;
    }

    int u16() throws IOException {
        require(2);
        return buffer.getShort() & 0xFFFF;
    }

    short i16() throws IOException {
        require(2);
        return buffer.getShort();
    }

    int i32() throws IOException {
        require(4);
        return buffer.getInt();
    }

    long u32() throws IOException {
        return i32() & 0xFFFF_FFFFL;
    }

    long i64() throws IOException {
        require(8);
        return buffer.getLong();
    }

    float f32() throws IOException {
        require(4);
        return buffer.getFloat();
    }

    double f64() throws IOException {
        require(8);
        return buffer.getDouble();
    }

    /** The first bytes of the file, fewer if it is shorter; for "not a GGUF file" messages. */
    byte[] peekStart(int bytes) throws IOException {
        ByteBuffer start = ByteBuffer.allocate((int) Math.min(bytes, fileSize));
        while (start.hasRemaining()) {
            if (channel.position(start.position()).read(start) < 0) {
                break;
            }
        }
        byte[] result = new byte[start.position()];
        start.flip().get(result);
        return result;
    }

    /** UTF-8 text of {@code length} bytes; malformed sequences become U+FFFD rather than failing the file. */
    String utf8(int length) throws IOException {
        byte[] bytes = new byte[length];
        int filled = 0;
        while (filled < length) {
            if (!buffer.hasRemaining()) {
                require(1);
            }
            int chunk = Math.min(buffer.remaining(), length - filled);
            buffer.get(bytes, filled, chunk);
            filled += chunk;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    /** Moves past {@code bytes} without reading them when they lie beyond the buffer. */
    void skip(long bytes) throws IOException {
        if (bytes < 0 || bytes > remaining()) {
            throw truncated();
        }
        if (bytes <= buffer.remaining()) {
            buffer.position(buffer.position() + (int) bytes);
            return;
        }
        bufferStart = position() + bytes;
        buffer.clear().limit(0);
    }
}
