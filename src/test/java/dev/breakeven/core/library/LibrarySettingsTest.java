package dev.breakeven.core.library;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LibrarySettingsTest {
    @TempDir
    Path settings;

    @Test
    void savesAndLoadsTheUserFolder() throws Exception {
        assertThat(LibrarySettings.load(settings).userFolderPath()).isEmpty();

        new LibrarySettings("/data/models").save(settings);

        assertThat(LibrarySettings.load(settings).userFolderPath()).contains(Path.of("/data/models"));
    }

    @Test
    void anUnreadableFileMeansNoFolderAndIsLeftAlone() throws Exception {
        Path file = Files.writeString(settings.resolve(LibrarySettings.FILE_NAME), "{broken");
        assertThat(LibrarySettings.load(settings)).isEqualTo(LibrarySettings.none());
        assertThat(Files.readString(file)).isEqualTo("{broken");
    }
}
