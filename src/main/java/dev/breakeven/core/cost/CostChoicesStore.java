package dev.breakeven.core.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code cost-choices.json} in the data folder, beside the user's price catalog ({@link PriceCatalog#USER_FILE}),
 * where the Costs page keeps them. A damaged file counts as none: the choices are a convenience, the page's own
 * defaults stand in.
 */
public final class CostChoicesStore {
    public static final String FILE_NAME = "cost-choices.json";
    private static final ObjectMapper MAPPER = Json.mapper();
    private final Path file;

    public CostChoicesStore(Path dataFolder) {
        this.file = dataFolder.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public Optional<CostChoices> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readValue(file.toFile(), CostChoices.class));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    public void save(CostChoices choices) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(choices));
    }
}
