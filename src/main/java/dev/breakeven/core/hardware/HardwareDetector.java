package dev.breakeven.core.hardware;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs OSHI and the vendor probes side by side, merges what they found and fills gaps from the catalog.
 * Never throws for a probe's sake: whatever goes wrong ends up in the profile's notes.
 */
public final class HardwareDetector {
    private final Supplier<BaseFindings> base;
    private final List<GpuProbe> probes;
    private final GpuReferences references;

    public HardwareDetector(Supplier<BaseFindings> base, List<GpuProbe> probes, GpuReferences references) {
        this.base = base;
        this.probes = List.copyOf(probes);
        this.references = references;
    }

    /** The real machine: OSHI plus every vendor probe, tools looked up on {@code PATH}. */
    public static HardwareDetector forThisMachine(GpuReferences references) {
        ToolRunner runner = ToolRunner.system();
        Path drm = Path.of("/sys/class/drm");
        return new HardwareDetector(new OshiProbe()::probe,
                List.of(new NvidiaSmiProbe(runner), new AmdSysfsProbe(drm), AppleSiliconProbe.system(runner),
                        new IntelArcProbe(drm)),
                references);
    }

    public GpuReferences references() {
        return references;
    }

    /** Detected and catalog figures only; see {@link #detect(HardwareOverrides)} for the user's view. */
    public HardwareProfile detect() {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<BaseFindings> baseFuture = pool.submit(base::get);
            List<Future<GpuFindings>> probeFutures = new ArrayList<>();
            for (GpuProbe probe : probes) {
                probeFutures.add(pool.submit(probe::probe));
            }
            List<GpuFindings> findings = new ArrayList<>();
            for (int i = 0; i < probes.size(); i++) {
                findings.add(await(probeFutures.get(i), probes.get(i).name()));
            }
            BaseFindings baseFindings;
            try {
                baseFindings = baseFuture.get();
            } catch (ExecutionException e) {
                baseFindings = fallbackBase("Could not read the system through OSHI: " + e.getCause());
            }
            return new ProfileMerger(references).merge(baseFindings, findings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProfileMerger(references).merge(fallbackBase("Hardware detection was interrupted"), List.of());
        }
    }

    public HardwareProfile detect(HardwareOverrides overrides) {
        return new OverridesApplier(references).apply(detect(), overrides);
    }

    public HardwareProfile apply(HardwareProfile detected, HardwareOverrides overrides) {
        return new OverridesApplier(references).apply(detected, overrides);
    }

    private static GpuFindings await(Future<GpuFindings> future, String probe) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return GpuFindings.note(probe, probe + " probe failed: " + e.getCause());
        }
    }

    private static BaseFindings fallbackBase(String note) {
        int cpus = Runtime.getRuntime().availableProcessors();
        return new BaseFindings(System.getProperty("os.name") + " " + System.getProperty("os.version"),
                new CpuInfo(null, cpus, cpus, List.of()), new MemoryInfo(0, 0, null, null), List.of(), List.of(note));
    }
}
