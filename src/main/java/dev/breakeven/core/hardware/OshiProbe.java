package dev.breakeven.core.hardware;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.GraphicsCard;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.PhysicalMemory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The base profile from OSHI: OS, CPU, RAM, memory modules and the display adapters it sees.
 * OSHI works on every desktop OS but its GPU figures are thin, which the vendor probes fix.
 */
public final class OshiProbe {
    private static final long HZ_PER_MT = 1_000_000L;

    public BaseFindings probe() {
        List<String> notes = new ArrayList<>();
        SystemInfo system = new SystemInfo();
        String os = safe(() -> system.getOperatingSystem().toString(), System.getProperty("os.name"), notes, "OS name");
        HardwareAbstractionLayer hal = system.getHardware();
        CpuInfo cpu = safe(() -> cpu(hal.getProcessor()),
                new CpuInfo(null, Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().availableProcessors(), List.of()), notes, "CPU");
        MemoryInfo memory = safe(() -> memory(hal.getMemory(), notes),
                new MemoryInfo(Runtime.getRuntime().maxMemory(), 0, null, null), notes, "RAM");
        List<GpuInfo> gpus = safe(() -> graphicsCards(hal.getGraphicsCards()), List.of(), notes, "graphics cards");
        return new BaseFindings(os, cpu, memory, gpus, notes);
    }

    private static CpuInfo cpu(CentralProcessor processor) {
        String model = processor.getProcessorIdentifier().getName();
        List<String> flagLines = new ArrayList<>(processor.getFeatureFlags());
        if (model != null && model.startsWith("Apple M")) {
            flagLines.add("neon"); // Every Apple Silicon core has NEON; macOS does not list it as a feature word.
        }
        return new CpuInfo(model, processor.getPhysicalProcessorCount(), processor.getLogicalProcessorCount(),
                CpuFlags.relevant(flagLines));
    }

    private static MemoryInfo memory(GlobalMemory memory, List<String> notes) {
        List<MemoryModule> modules = new ArrayList<>();
        for (PhysicalMemory module : memory.getPhysicalMemory()) {
            modules.add(new MemoryModule(module.getBankLabel(), module.getCapacity(),
                    module.getClockSpeed() / HZ_PER_MT, module.getMemoryType()));
        }
        Double bandwidth = MemoryBandwidth.estimate(modules).orElse(null);
        if (bandwidth != null) {
            notes.add("RAM bandwidth estimated from " + modules.size() + " module(s) at "
                    + modules.getFirst().megaTransfersPerSecond() + " MT/s on "
                    + MemoryBandwidth.channelsFor(modules.size()) + " channel(s)");
        }
        return new MemoryInfo(memory.getTotal(), memory.getAvailable(), bandwidth,
                bandwidth == null ? null : FigureSource.DETECTED);
    }

    private static List<GpuInfo> graphicsCards(List<GraphicsCard> cards) {
        List<GpuInfo> gpus = new ArrayList<>();
        for (GraphicsCard card : cards) {
            GpuVendor vendor = GpuVendor.fromText(card.getVendor() + " " + card.getName());
            Long vram = card.getVRam() > 0 ? card.getVRam() : null;
            String driver = card.getVersionInfo() == null || card.getVersionInfo().isBlank()
                    || card.getVersionInfo().toLowerCase(Locale.ROOT).contains("unknown") ? null : card.getVersionInfo();
            gpus.add(GpuInfo.detected(card.getName(), vendor, vram, null, driver, null, vendor == GpuVendor.APPLE));
        }
        return gpus;
    }

    private static <T> T safe(java.util.function.Supplier<T> read, T fallback, List<String> notes, String what) {
        try {
            return read.get();
        } catch (RuntimeException | LinkageError e) {
            notes.add("Could not read the " + what + ": " + e.getClass().getSimpleName());
            return fallback;
        }
    }
}
