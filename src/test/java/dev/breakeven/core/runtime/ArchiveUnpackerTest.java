package dev.breakeven.core.runtime;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveUnpackerTest {
    @TempDir
    Path dir;

    @Test
    void aZipEntryClimbingOutOfTheFolderIsRefused() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("llama-server.exe", new byte[]{1});
        files.put("../../evil.txt", "x".getBytes(StandardCharsets.UTF_8));
        Path archive = dir.resolve("a.zip");
        Files.write(archive, TestArchives.zip(files));
        Path target = dir.resolve("out/runtime");
        assertThatThrownBy(() -> ArchiveUnpacker.unpack(archive, target))
                .hasMessageContaining("../../evil.txt points outside the runtime folder");
        assertThat(dir.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void aTarSymlinkPointingOutIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            TarArchiveEntry link = new TarArchiveEntry("llama/libggml.so", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("../../../etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        Path archive = dir.resolve("a.tar.gz");
        Files.write(archive, bytes.toByteArray());
        assertThatThrownBy(() -> ArchiveUnpacker.unpack(archive, dir.resolve("out")))
                .hasMessageContaining("points outside the runtime folder");
    }

    @Test
    void aLinkChainThatOnlyLooksInsideIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            TarArchiveEntry here = new TarArchiveEntry("a", TarArchiveEntry.LF_SYMLINK);
            here.setLinkName(".");
            tar.putArchiveEntry(here);
            tar.closeArchiveEntry();
            TarArchiveEntry up = new TarArchiveEntry("b", TarArchiveEntry.LF_SYMLINK);
            up.setLinkName("a/.."); // "." as text, the parent folder once a is followed
            tar.putArchiveEntry(up);
            tar.closeArchiveEntry();
        }
        Path archive = dir.resolve("chain.tar.gz");
        Files.write(archive, bytes.toByteArray());
        assertThatThrownBy(() -> ArchiveUnpacker.unpack(archive, dir.resolve("out")))
                .hasMessageContaining("b -> a/.. points outside the runtime folder");
    }

    @Test
    void tarModesAndLinksAreKept() throws IOException {
        Path archive = dir.resolve("a.tar.gz");
        Files.write(archive, TestArchives.tarGz("llama-b1", TestArchives.runtimeFiles(TestArchives.versionScript(1))));
        Path out = dir.resolve("out");
        ArchiveUnpacker.unpack(archive, out);
        assertThat(Files.isExecutable(out.resolve("llama-b1/llama-server"))).isTrue();
        assertThat(Files.isExecutable(out.resolve("llama-b1/LICENSE"))).isFalse();
        assertThat(Files.readSymbolicLink(out.resolve("llama-b1/libggml.so"))).isEqualTo(Path.of("libggml.so.0"));
    }

    @Test
    void somethingElseIsNotAnArchive() throws IOException {
        Path file = dir.resolve("llama.tar.gz");
        Files.writeString(file, "<html>404</html>");
        assertThatThrownBy(() -> ArchiveUnpacker.unpack(file, dir.resolve("out")))
                .hasMessageContaining("neither a .zip nor a .tar.gz");
    }

    @Test
    void theServerIsFoundWhereverTheArchivePutsIt() throws IOException {
        Platform windows = new Platform(Platform.Os.WINDOWS, Platform.Arch.X64);
        Files.createDirectories(dir.resolve("a/b/build/bin"));
        Files.write(dir.resolve("a/b/build/bin/llama-server.exe"), new byte[]{1});
        Files.write(dir.resolve("a/b/build/bin/ggml-cuda.dll"), new byte[]{1});
        assertThat(ServerFiles.findServer(dir, windows)).contains(dir.resolve("a/b/build/bin/llama-server.exe"));
        assertThat(ServerFiles.backendOf(dir.resolve("a/b/build/bin"), windows)).isEqualTo(Backend.CUDA);
    }

    @Test
    void versionLinesOfOfficialAndPackagedBuildsAreRead() {
        assertThat(ServerVersion.parse("load_backend: loaded CPU backend\nversion: 6000 (e5e6a1b9)\nbuilt with cc"))
                .contains(new ServerVersion("b6000", 6000, "e5e6a1b9"));
        assertThat(ServerVersion.parse("version: 0.5.0-dev (build 1, commit de3ff81)"))
                .contains(new ServerVersion("0.5.0-dev", 1, "de3ff81"));
        assertThat(ServerVersion.parse("usage: llama-server [options]")).isEmpty();
    }
}
