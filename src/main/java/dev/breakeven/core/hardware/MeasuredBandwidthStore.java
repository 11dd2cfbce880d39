package dev.breakeven.core.hardware;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code measured-bandwidth.json} in the settings folder. A damaged file, or one measured on another machine,
 * is ignored with a notice: its figure would be wrong here.
 */
public final class MeasuredBandwidthStore {
    public static final String FILE_NAME = "measured-bandwidth.json";
    private static final ObjectMapper MAPPER = Json.mapper();

    private final Path file;

    public MeasuredBandwidthStore(Path settingsDir) {
        this.file = settingsDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public record Loaded(Optional<MeasuredBandwidth> measured, Optional<String> note) {
    }

    public Loaded load(String machineId) {
        if (!Files.exists(file)) {
            return new Loaded(Optional.empty(), Optional.empty());
        }
        MeasuredBandwidth read;
        try {
            read = MAPPER.readValue(file.toFile(), MeasuredBandwidth.class);
        } catch (IOException | RuntimeException e) {
            return new Loaded(Optional.empty(), Optional.of("The measured RAM bandwidth in " + file
                    + " could not be read and is ignored; measure again on the Hardware page or with 'hardware --measure'"));
        }
        if (read == null || !machineId.equals(read.machineId())) {
            return new Loaded(Optional.empty(), Optional.of("The measured RAM bandwidth in " + file
                    + " was measured on another machine and is ignored; measure again here"));
        }
        return new Loaded(Optional.of(read), Optional.empty());
    }

    public void save(MeasuredBandwidth measured) throws IOException {
        AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(measured));
    }
}
