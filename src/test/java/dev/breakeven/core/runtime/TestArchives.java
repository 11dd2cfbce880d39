package dev.breakeven.core.runtime;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds release-shaped archives in memory, laid out like llama.cpp's ({@code llama-<tag>/llama-server …}). */
public final class TestArchives {
    private TestArchives() {
    }

    /** A fake server that only prints a version, for tests that need no real llama.cpp. */
    public static byte[] versionScript(int build) {
        return ("#!/bin/sh\necho 'version: " + build + " (abc1234)'\necho 'built with cc for Linux x86_64'\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] failingScript() {
        return "#!/bin/sh\necho 'error while loading shared libraries: libcuda.so.1' >&2\nexit 127\n"
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A .tar.gz holding each file (0755 for names ending in "server", else 0644) and a library symlink. */
    public static byte[] tarGz(String top, Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry dir = new TarArchiveEntry(top + "/");
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(top + "/" + f.getKey());
                e.setSize(f.getValue().length);
                e.setMode(f.getKey().endsWith("server") ? 0100755 : 0100644);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
            TarArchiveEntry link = new TarArchiveEntry(top + "/libggml.so", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("libggml.so.0");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    public static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The server plus the files a release archive carries beside it. */
    public static Map<String, byte[]> runtimeFiles(byte[] server) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("llama-server", server);
        files.put("LICENSE", "MIT License (test copy)\n".getBytes(StandardCharsets.UTF_8));
        files.put("libggml.so.0", "not really a library\n".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    public static byte[] realServer(Path server) throws IOException {
        return Files.readAllBytes(server);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Release JSON in GitHub's shape; a null digest leaves the field out. */
    public static String releaseJson(String tag, String... nameUrlDigestSize) {
        StringBuilder assets = new StringBuilder();
        for (int i = 0; i < nameUrlDigestSize.length; i += 4) {
            if (!assets.isEmpty()) {
                assets.append(',');
            }
            assets.append("{\"name\":\"").append(nameUrlDigestSize[i]).append("\",\"size\":").append(nameUrlDigestSize[i + 3])
                    .append(",\"browser_download_url\":\"").append(nameUrlDigestSize[i + 1]).append('"');
            if (nameUrlDigestSize[i + 2] != null) {
                assets.append(",\"digest\":\"sha256:").append(nameUrlDigestSize[i + 2]).append('"');
            }
            assets.append(",\"content_type\":\"application/octet-stream\"}");
        }
        return "{\"tag_name\":\"" + tag + "\",\"name\":\"" + tag + "\",\"assets\":[" + assets + "]}";
    }
}
