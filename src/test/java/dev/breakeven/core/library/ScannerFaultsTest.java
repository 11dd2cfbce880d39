package dev.breakeven.core.library;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufFormatException;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.gguf.GgufWriter;
import dev.breakeven.core.io.Json;
import dev.breakeven.testing.GgufModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The scanner faults of issue 12: a huge metadata string, a FIFO named x.gguf, escape codes in names. */
class ScannerFaultsTest {
    @TempDir
    Path dir;

    private Path hugeStringModel(Path file) throws Exception {
        GgufWriter writer = new GgufWriter().putString("general.architecture", "llama")
                .putString("general.name", "huge-template")
                .putString("tokenizer.chat_template", "a".repeat(60 << 20));
        writer.addSparseTensor("token_embd.weight", GgmlType.F16, 64, 259);
        writer.write(file);
        return file;
    }

    @Test
    void aSixtyMegabyteMetadataStringIsCappedNotKept() throws Exception {
        Path file = hugeStringModel(dir.resolve("huge.gguf"));
        GgufFile header = GgufReader.read(file);
        assertThat(header.string("tokenizer.chat_template").orElseThrow()).hasSize(1 << 20);
        assertThat(header.string("general.name")).contains("huge-template");
        assertThat(header.tensors()).hasSize(1); // read past the string to the tensor table
    }

    @Test
    void aFolderScanInA128MegabyteHeapListsEveryModelDespiteAHugeString() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        hugeStringModel(models.resolve("huge.gguf"));
        GgufModelFactory.writeSparse(GgufModelFactory.tinyLlama(), GgmlType.F16, models.resolve("tiny.gguf"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx128m", "-Dbreakeven.home=" + dir,
                "-cp", System.getProperty("java.class.path"), "dev.breakeven.launch.Main",
                "models", "list", "--only-folders", "--models-dir", models.toString(), "--json"))
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
        JsonNode list = Json.mapper().readTree(stdout);
        assertThat(list).hasSize(2);
        for (JsonNode model : list) {
            assertThat(model.get("problem").isNull()).as(model.toString()).isTrue();
            assertThat(model.get("architecture").asText()).isEqualTo("llama");
        }
    }

    @Test
    void aFifoNamedGgufNeitherHangsTheScanNorTheReader() throws Exception {
        Path models = Files.createDirectories(dir.resolve("fifo"));
        Path fifo = models.resolve("x.gguf");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo not available");
        GgufModelFactory.writeSparse(GgufModelFactory.tinyLlama(), GgmlType.F16, models.resolve("tiny.gguf"));

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            List<LibraryModel> found = ModelHeaders.scanAndDescribe(new ModelLibrary(
                    new LibraryRoots(models, null, List.of(), List.of(), List.of())));
            assertThat(found).extracting(LibraryModel::displayName).containsExactly("tiny");
            assertThatThrownBy(() -> GgufReader.read(fifo)).isInstanceOf(GgufFormatException.class)
                    .hasMessageContaining("not a regular file");
            assertThat(ModelLibrary.looksLikeGguf(fifo)).isFalse();
        });
    }

    @Test
    void modelNamesLoseTerminalEscapesAndControlCharacters() throws Exception {
        String hostile = "evil\u001b]0;owned\u0007\u001b[2J\u001b[31mred\u001b[0m\r\nname\u202e";
        assertThat(DisplayText.sanitize(hostile)).isEqualTo("evilredname");
        Path models = Files.createDirectories(dir.resolve("esc"));
        GgufModelFactory.writeSparse(GgufModelFactory.tinyLlama(), GgmlType.F16, models.resolve("a\u001b[2Jb.gguf"));
        List<LibraryModel> found = ModelHeaders.scanAndDescribe(new ModelLibrary(
                new LibraryRoots(models, null, List.of(), List.of(), List.of())));
        assertThat(found).singleElement().extracting(LibraryModel::displayName).isEqualTo("ab");
    }
}
