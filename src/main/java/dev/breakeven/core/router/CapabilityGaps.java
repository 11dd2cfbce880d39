package dev.breakeven.core.router;

import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where local models hold their own and where the API is ahead, task category by task category: a dated, sourced
 * data file the decision guide reads. The user's copy ({@value #FILE_NAME} in the settings folder) replaces the
 * bundled one; a damaged copy falls back to the bundled table with a note.
 */
public record CapabilityGaps(String checked, String basis, List<Gap> gaps) {
    public static final String RESOURCE = "/dev/breakeven/router/capability-gaps.json";
    public static final String FILE_NAME = "capability-gaps.json";

    public enum Verdict { LOCAL_COMPETITIVE, API_AHEAD }

    public record Gap(String category, Verdict verdict, String note, String source, String checked) {
    }

    public CapabilityGaps {
        gaps = List.copyOf(gaps);
    }

    public record Loaded(CapabilityGaps gaps, Optional<String> note) {
    }

    public static CapabilityGaps bundled() {
        return Json.resource(RESOURCE, CapabilityGaps.class);
    }

    public static Loaded load(Path settingsFolder) {
        Path file = settingsFolder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return new Loaded(bundled(), Optional.empty());
        }
        try {
            return new Loaded(Json.mapper().readValue(file.toFile(), CapabilityGaps.class), Optional.of("Using your table " + file));
        } catch (IOException | RuntimeException e) {
            return new Loaded(bundled(), Optional.of("Your " + file + " could not be read (" + e.getMessage()
                    .lines().findFirst().orElse("") + "); using the bundled table."));
        }
    }

    public Optional<Gap> find(String category) {
        String c = category.toLowerCase(Locale.ROOT);
        return gaps.stream().filter(g -> g.category().toLowerCase(Locale.ROOT).equals(c)).findFirst();
    }
}
