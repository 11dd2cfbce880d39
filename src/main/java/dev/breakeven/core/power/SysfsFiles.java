package dev.breakeven.core.power;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small sysfs reading helpers: a missing or unreadable file is an empty answer, never an exception. */
final class SysfsFiles {
    private SysfsFiles() {
    }

    /** Entries of {@code dir} matching a glob, sorted by name; empty when the folder is absent. */
    static List<Path> children(Path dir, String glob) {
        List<Path> result = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return result;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(result::add);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        result.sort(null);
        return result;
    }

    static Optional<Long> readLong(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException | SecurityException e) {
            return Optional.empty();
        }
    }

    static Optional<String> readString(Path file) {
        try {
            return Optional.of(Files.readString(file).strip());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
