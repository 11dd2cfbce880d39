package dev.breakeven.core.library;

import dev.breakeven.core.library.DownloadException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelImporterTest {
    private static final Path SHARED_TINY = dev.breakeven.core.chat.SharedModels.tinyLlama();

    @TempDir
    Path dir;

    @Test
    void copiesIntoTheModelsFolderWithProgressAndLeavesTheSourceAlone() throws Exception {
        List<TransferProgress> progress = new ArrayList<>();
        Path models = dir.resolve("models");

        Path imported = ModelImporter.importFile(SHARED_TINY, models, null, progress::add, () -> false);

        assertThat(imported).isEqualTo(models.resolve("llama-2-tiny-random.gguf"));
        assertThat(Files.mismatch(imported, SHARED_TINY)).isEqualTo(-1);
        assertThat(progress.getLast().bytes()).isEqualTo(Files.size(SHARED_TINY));
        assertThat(progress.getLast().fraction()).isEqualTo(1.0);
        assertThat(models.resolve("llama-2-tiny-random.gguf.part")).doesNotExist();
        assertThat(new ModelLibrary(new LibraryRoots(models, null, List.of(), List.of(), List.of())).scan())
                .extracting(LibraryModel::displayName).containsExactly("llama-2-tiny-random");
    }

    @Test
    void anOllamaBlobGetsAGgufName() throws Exception {
        Path blob = dir.resolve("sha256-" + "e".repeat(64));
        Files.copy(SHARED_TINY, blob);

        Path imported = ModelImporter.importFile(blob, dir.resolve("models"), "llama3.2-1b", p -> { }, () -> false);

        assertThat(imported.getFileName().toString()).isEqualTo("llama3.2-1b.gguf");
    }

    @Test
    void refusesNonGgufFilesDuplicatesAndCleansUpACancelledCopy() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.gguf"), "hello");
        assertThatThrownBy(() -> ModelImporter.importFile(text, dir.resolve("models"), null, p -> { }, () -> false))
                .isInstanceOfSatisfying(DownloadException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_GGUF));

        Path models = dir.resolve("models");
        ModelImporter.importFile(SHARED_TINY, models, null, p -> { }, () -> false);
        assertThatThrownBy(() -> ModelImporter.importFile(SHARED_TINY, models, null, p -> { }, () -> false))
                .hasMessageContaining("already in");

        assertThatThrownBy(() -> ModelImporter.importFile(SHARED_TINY, models, "other.gguf", p -> { }, () -> true))
                .isInstanceOfSatisfying(DownloadException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
        assertThat(models.resolve("other.gguf")).doesNotExist();
        assertThat(models.resolve("other.gguf.part")).doesNotExist();
    }
}
