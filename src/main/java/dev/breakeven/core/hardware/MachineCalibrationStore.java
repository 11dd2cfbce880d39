package dev.breakeven.core.hardware;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code calibration.json} (the CPU run) or {@code calibration-gpu.json} (a GPU run) in the settings folder. A damaged file, or one measured on another machine,
 * is ignored with a notice: its correction would be wrong here.
 */
public final class MachineCalibrationStore {
    public static final String FILE_NAME = "calibration.json";
    public static final String GPU_FILE_NAME = "calibration-gpu.json";
    private static final ObjectMapper MAPPER = Json.mapper();

    private final Path file;

    public MachineCalibrationStore(Path settingsDir) {
        this(settingsDir, FILE_NAME);
    }

    private MachineCalibrationStore(Path settingsDir, String fileName) {
        this.file = settingsDir.resolve(fileName);
    }

    /** The store of GPU runs: a CPU calibration and a GPU one correct different figures and are kept apart. */
    public static MachineCalibrationStore gpu(Path settingsDir) {
        return new MachineCalibrationStore(settingsDir, GPU_FILE_NAME);
    }

    /** The store a run belongs in. */
    public static MachineCalibrationStore forRun(Path settingsDir, MachineCalibration calibration) {
        return calibration.onGpu() ? gpu(settingsDir) : new MachineCalibrationStore(settingsDir);
    }

    public Path file() {
        return file;
    }

    public record Loaded(Optional<MachineCalibration> calibration, Optional<String> note) {
    }

    public Loaded load(String machineId) {
        if (!Files.exists(file)) {
            return new Loaded(Optional.empty(), Optional.empty());
        }
        MachineCalibration read;
        try {
            read = MAPPER.readValue(file.toFile(), MachineCalibration.class);
        } catch (IOException | RuntimeException e) {
            return new Loaded(Optional.empty(), Optional.of("The calibration in " + file
                    + " could not be read and is ignored; run 'breakeven calibrate' again"));
        }
        if (read == null || !machineId.equals(read.machineId())) {
            return new Loaded(Optional.empty(), Optional.of("The calibration in " + file
                    + " was made on another machine and is ignored; calibrate again here"));
        }
        return new Loaded(Optional.of(read), Optional.empty());
    }

    public void save(MachineCalibration calibration) throws IOException {
        AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(calibration));
    }
}
