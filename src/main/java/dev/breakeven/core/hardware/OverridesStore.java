package dev.breakeven.core.hardware;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;
import dev.breakeven.core.io.UserNumbers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes the user's hardware overrides; a damaged file gives defaults and a note, not a crash. */
public final class OverridesStore {
    public static final String FILE_NAME = "hardware-overrides.json";
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OverridesStore.class);

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
        MachineCalibrationStore.Loaded gpuCalibration = MachineCalibrationStore.gpu(file.getParent()).load(machine);
        List<String> notes = new ArrayList<>();
        overrides.note().ifPresent(notes::add);
        measured.note().ifPresent(notes::add);
        calibration.note().ifPresent(notes::add);
        gpuCalibration.note().ifPresent(notes::add);
        return new Loaded(overrides.overrides().withMeasured(measured.measured().orElse(null))
                .withCalibration(calibration.calibration().filter(c -> !c.onGpu()).orElse(null))
                .withGpuCalibration(gpuCalibration.calibration().filter(MachineCalibration::onGpu).orElse(null)),
                notes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", notes)));
    }

    private Loaded loadOverrides() {
        if (!Files.exists(file)) {
            return new Loaded(HardwareOverrides.none(), Optional.empty());
        }
        HardwareOverrides read;
        try {
            read = MAPPER.readValue(file.toFile(), HardwareOverrides.class);
        } catch (IOException | RuntimeException e) {
            // Keep what the user had: the next save replaces the file, so a copy goes beside it first.
            String kept = keepCopy();
            String note = "Your hardware overrides in " + file + " could not be read, so detected figures are used"
                    + kept + ": " + firstLine(e.getMessage());
            LOG.warn(note);
            return new Loaded(HardwareOverrides.none(), Optional.of(note));
        }
        if (read == null) {
            return new Loaded(HardwareOverrides.none(), Optional.empty());
        }
        List<String> problems = new ArrayList<>();
        HardwareOverrides checked = checked(read, problems);
        if (problems.isEmpty()) {
            return new Loaded(read, Optional.empty());
        }
        String note = "Ignored in " + file + " (detected figures are used instead): " + String.join("; ", problems);
        LOG.warn(note);
        return new Loaded(checked, Optional.of(note));
    }

    /** The overrides without any value a person could not have meant (−5, NaN, Infinity, 1e300), each named. */
    static HardwareOverrides checked(HardwareOverrides read, List<String> problems) {
        Double bandwidth = keep("memory bandwidth", read.memoryBandwidthGBps(), UserNumbers.GB_PER_SECOND, problems);
        Long memory = keep("memory size", read.memoryTotalBytes(), UserNumbers.BYTES, problems);
        List<HardwareOverrides.GpuOverride> gpus = new ArrayList<>();
        for (HardwareOverrides.GpuOverride gpu : read.gpus()) {
            String name = gpu.gpuName();
            HardwareOverrides.GpuOverride clean = new HardwareOverrides.GpuOverride(name,
                    keep(name + " VRAM", gpu.vramTotalBytes(), UserNumbers.BYTES, problems),
                    keep(name + " bandwidth", gpu.bandwidthGBps(), UserNumbers.GB_PER_SECOND, problems),
                    keep(name + " power", gpu.tdpWatts(), UserNumbers.WATTS, problems));
            if (clean.vramTotalBytes() != null || clean.bandwidthGBps() != null || clean.tdpWatts() != null) {
                gpus.add(clean);
            }
        }
        return new HardwareOverrides(bandwidth, memory, gpus, read.whatIfCards());
    }

    private static <N extends Number> N keep(String field, N value, UserNumbers.Limit limit, List<String> problems) {
        if (value == null) {
            return null;
        }
        Optional<String> problem = UserNumbers.problem(field, value.doubleValue(), limit);
        problem.ifPresent(problems::add);
        return problem.isPresent() ? null : value;
    }

    private String keepCopy() {
        Path copy = file.resolveSibling(FILE_NAME + ".unreadable");
        try {
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            return " (a copy was kept as " + copy.getFileName() + ")";
        } catch (IOException e) {
            return "";
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
