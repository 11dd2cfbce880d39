package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.core.hardware.BandwidthMeter;
import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.GpuFigure;
import dev.breakeven.core.hardware.GpuInfo;
import dev.breakeven.core.hardware.HardwareDetector;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MachineId;
import dev.breakeven.core.hardware.MeasuredBandwidth;
import dev.breakeven.core.hardware.MeasuredBandwidthStore;
import dev.breakeven.core.hardware.OverridesStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** {@code breakeven hardware [--measure] [--json]}: what this machine has, with the user's saved overrides and measurements applied. */
@Command(name = "hardware", mixinStandardHelpOptions = true,
        description = "Detect this machine's CPU, RAM and GPUs (with your saved overrides applied); --measure measures the RAM bandwidth.")
public final class HardwareCommand implements Runnable {
    private static final double GIB = 1024.0 * 1024.0 * 1024.0;

    private final AppServices services;
    private final Supplier<HardwareDetector> detectors;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the profile as JSON.")
    boolean json;

    @Option(names = "--detected-only", description = "Ignore saved overrides and what-if cards.")
    boolean detectedOnly;

    @Option(names = "--measure", description = "Measure the RAM bandwidth first (all cores, a few seconds) and keep it for the planner.")
    boolean measure;

    @Option(names = "--seconds", defaultValue = "3", description = "How long --measure runs (default ${DEFAULT-VALUE} s).")
    double seconds;

    HardwareCommand(AppServices services) {
        this(services, CatalogGpuReferences::detector);
    }

    HardwareCommand(AppServices services, Supplier<HardwareDetector> detectors) {
        this.services = services;
        this.detectors = detectors;
    }

    @Override
    public void run() {
        if (measure) {
            measureBandwidth();
        }
        HardwareDetector detector = detectors.get();
        HardwareProfile profile;
        if (detectedOnly) {
            profile = detector.detect();
        } else {
            OverridesStore.Loaded loaded = new OverridesStore(services.dirs().settings()).load();
            profile = detector.detect(loaded.overrides());
            if (loaded.note().isPresent()) {
                List<String> notes = new ArrayList<>(profile.notes());
                notes.add(loaded.note().get());
                profile = profile.withNotes(notes);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, HardwareJson.of(profile));
        } else {
            printSummary(out, profile);
        }
        out.flush();
    }

    private void measureBandwidth() {
        if (!(seconds >= 0.5) || seconds > 120) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be between 0.5 and 120");
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("Measuring RAM bandwidth on " + Runtime.getRuntime().availableProcessors() + " threads…");
        err.flush();
        try {
            long available = new oshi.SystemInfo().getHardware().getMemory().getAvailable();
            BandwidthMeter.Result result = BandwidthMeter.measureThisMachine(available,
                    java.time.Duration.ofMillis((long) (seconds * 1000)));
            new MeasuredBandwidthStore(services.dirs().settings())
                    .save(MeasuredBandwidth.of(result, MachineId.thisMachine(), java.time.Instant.now()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not save the measurement: " + e.getMessage(), e);
        }
    }

    private static void printSummary(PrintWriter out, HardwareProfile p) {
        out.println("OS      " + p.os());
        out.println("CPU     " + p.cpu().model() + " — " + p.cpu().physicalCores() + " cores, "
                + p.cpu().logicalCores() + " threads" + (p.cpu().flags().isEmpty() ? "" : ", " + String.join(" ", p.cpu().flags())));
        out.println("RAM     " + gib(p.memory().totalBytes()) + " total, " + gib(p.memory().availableBytes()) + " available, "
                + (p.memory().bandwidthGBps() == null ? "bandwidth unknown (set it on the Hardware page)"
                : String.format(Locale.ROOT, "%.1f GB/s (%s)", p.memory().bandwidthGBps(), p.memory().bandwidthSource().json())));
        if (p.gpus().isEmpty()) {
            out.println("GPU     none detected — models run on the CPU and RAM");
        }
        for (GpuInfo g : p.gpus()) {
            StringBuilder line = new StringBuilder("GPU     ").append(g.name());
            if (g.source() == FigureSource.USER) {
                line.append(" [what-if]");
            }
            line.append(" — ");
            line.append(g.vramTotalBytes() == null ? "VRAM unknown" : gib(g.vramTotalBytes()) + (g.unifiedMemory() ? " usable of unified memory" : " VRAM"));
            if (g.vramFreeBytes() != null) {
                line.append(" (").append(gib(g.vramFreeBytes())).append(" free)");
            }
            if (g.bandwidthGBps() != null) {
                line.append(String.format(Locale.ROOT, ", %.0f GB/s (%s)", g.bandwidthGBps(), g.sourceOf(GpuFigure.BANDWIDTH).json()));
            }
            if (g.tdpWatts() != null) {
                line.append(", ").append(g.tdpWatts()).append(" W (").append(g.sourceOf(GpuFigure.TDP).json()).append(")");
            }
            out.println(line);
        }
        for (String note : p.notes()) {
            out.println("note    " + note);
        }
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
    }

    /** The JSON shape scripts rely on; nulls are printed, not dropped, so every field is always there. */
    record HardwareJson(String os, Cpu cpu, Memory memory, List<Gpu> gpus, List<String> notes) {
        static HardwareJson of(HardwareProfile p) {
            return new HardwareJson(p.os(),
                    new Cpu(p.cpu().model(), p.cpu().physicalCores(), p.cpu().logicalCores(), p.cpu().flags()),
                    new Memory(p.memory().totalBytes(), p.memory().availableBytes(), p.memory().bandwidthGBps(),
                            p.memory().bandwidthSource()),
                    p.gpus().stream().map(g -> new Gpu(g.name(), g.vendor().json(), g.vramTotalBytes(), g.vramFreeBytes(),
                            g.bandwidthGBps(), g.tdpWatts(), g.source(), g.driver(), g.unifiedMemory(), g.catalogId(),
                            g.sources())).toList(),
                    p.notes());
        }
    }

    record Cpu(String model, int physicalCores, int logicalCores, List<String> flags) {
    }

    record Memory(long totalBytes, long availableBytes, Double bandwidthGBps, FigureSource bandwidthSource) {
    }

    /** {@code source}: how the card got here ({@code detected}, or {@code user} for a what-if card); {@code sources}: per figure. */
    record Gpu(String name, String vendor, Long vramTotalBytes, Long vramFreeBytes, Double bandwidthGBps,
               Integer tdpWatts, FigureSource source, String driver, boolean unifiedMemory, String catalogId,
               Map<GpuFigure, FigureSource> sources) {
    }
}
