package dev.breakeven.core.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The library's one setting: an extra folder of models the user chose, stored as
 * {@code library.json} in the settings folder and written atomically.
 *
 * @param userFolder the folder, or null for none
 */
public record LibrarySettings(String userFolder) {
    public static final String FILE_NAME = "library.json";

    public static LibrarySettings none() {
        return new LibrarySettings(null);
    }

    public Optional<Path> userFolderPath() {
        return userFolder == null || userFolder.isBlank() ? Optional.empty() : Optional.of(Path.of(userFolder));
    }

    /** The saved settings; none when the file is missing, and none (with the file left alone) when it is unreadable. */
    public static LibrarySettings load(Path settingsDir) {
        Path file = settingsDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return none();
        }
        try {
            return Json.mapper().readValue(file.toFile(), LibrarySettings.class);
        } catch (IOException | RuntimeException e) {
            return none();
        }
    }

    public void save(Path settingsDir) throws IOException {
        ObjectMapper mapper = Json.mapper();
        AtomicFiles.write(settingsDir.resolve(FILE_NAME), mapper.writeValueAsBytes(this));
    }
}
