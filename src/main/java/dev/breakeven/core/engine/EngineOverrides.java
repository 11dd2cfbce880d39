package dev.breakeven.core.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The user's engine per model file ({@code engines.json} in the settings folder): absent = the best one. */
public final class EngineOverrides {
    private final Path file;

    public EngineOverrides(Path settingsFolder) {
        this.file = settingsFolder.resolve("engines.json");
    }

    public synchronized Optional<EngineKind> get(Path model) {
        String kind = load().get(key(model));
        try {
            return kind == null ? Optional.empty() : Optional.of(EngineKind.valueOf(kind));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** Sets ({@code kind} present) or clears the choice for {@code model}. */
    public synchronized void set(Path model, Optional<EngineKind> kind) throws IOException {
        Map<String, String> all = load();
        if (kind.isPresent()) {
            all.put(key(model), kind.get().name());
        } else {
            all.remove(key(model));
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
    }

    private Map<String, String> load() {
        if (!Files.isRegularFile(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(Json.mapper().readValue(file.toFile(), new TypeReference<Map<String, String>>() { }));
        } catch (IOException e) {
            return new TreeMap<>(); // a damaged file means "best engine" for every model, not a broken page
        }
    }

    private static String key(Path model) {
        return model.toAbsolutePath().normalize().toString();
    }
}
