package dev.breakeven.core.hardware;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes the user's hardware overrides; a damaged file gives defaults and a note, not a crash. */
public final class OverridesStore {
    public static final String FILE_NAME = "hardware-overrides.json";
    private static final ObjectMapper MAPPER = Json.mapper();

    private final Path file;

    public OverridesStore(Path settingsDir) {
        this.file = settingsDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /**
     * The saved overrides with this machine's measured RAM bandwidth attached (see {@link MeasuredBandwidthStore}),
     * with a note when a file existed but could not be used.
     */
    public Loaded load() {
        Loaded overrides = loadOverrides();
        String machine = MachineId.thisMachine();
        MeasuredBandwidthStore.Loaded measured = new MeasuredBandwidthStore(file.getParent()).load(machine);
        MachineCalibrationStore.Loaded calibration = new MachineCalibrationStore(file.getParent()).load(machine);
        List<String> notes = new ArrayList<>();
        overrides.note().ifPresent(notes::add);
        measured.note().ifPresent(notes::add);
        calibration.note().ifPresent(notes::add);
        return new Loaded(overrides.overrides().withMeasured(measured.measured().orElse(null))
                .withCalibration(calibration.calibration().orElse(null)),
                notes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", notes)));
    }

    private Loaded loadOverrides() {
        if (!Files.exists(file)) {
            return new Loaded(HardwareOverrides.none(), Optional.empty());
        }
        try {
            HardwareOverrides read = MAPPER.readValue(file.toFile(), HardwareOverrides.class);
            return new Loaded(read == null ? HardwareOverrides.none() : read, Optional.empty());
        } catch (IOException | RuntimeException e) {
            return new Loaded(HardwareOverrides.none(), Optional.of(
                    "Your hardware overrides in " + file + " could not be read, so detected figures are used: "
                            + firstLine(e.getMessage())));
        }
    }

    public void save(HardwareOverrides overrides) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(overrides));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("unreadable");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    public record Loaded(HardwareOverrides overrides, Optional<String> note) {
    }
}
