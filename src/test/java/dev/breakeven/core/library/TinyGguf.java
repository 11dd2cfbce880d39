package dev.breakeven.core.library;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Writes small but well-formed GGUF files (v3 header, one string key) for library tests. */
final class TinyGguf {
    private TinyGguf() {
    }

    /** A GGUF v3 file whose general.name is {@code name}, padded to {@code size} bytes. */
    static Path write(Path file, String name, int size) throws IOException {
        byte[] key = "general.name".getBytes(StandardCharsets.UTF_8);
        byte[] value = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer header = ByteBuffer.allocate(Math.max(size, 64 + key.length + value.length)).order(ByteOrder.LITTLE_ENDIAN);
        header.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(0).putLong(1);
        header.putLong(key.length).put(key).putInt(8 /* string */).putLong(value.length).put(value);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, header.array());
        return file;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
