package dev.breakeven.core.power;

import java.time.Clock;
import java.util.Optional;

/**
 * Board power of every NVIDIA GPU, summed, read through NVML. Like the nvidia-smi meter, a GPU without a figure
 * makes the whole reading unavailable rather than silently smaller; nvidia-smi stays the fallback where NVML
 * cannot be loaded.
 */
public final class NvmlPowerMeter implements PowerMeter {
    public static final String SOURCE = "NVML";

    private final NvmlReader reader;
    private final Clock clock;
    private Boolean initialised;

    public NvmlPowerMeter(NvmlReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    public static NvmlPowerMeter system() {
        return new NvmlPowerMeter(new JnaNvmlReader(), Clock.systemUTC());
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public boolean measured() {
        return true;
    }

    @Override
    public synchronized Probe probe() {
        int rc;
        try {
            rc = reader.init();
        } catch (IllegalStateException | LinkageError e) {
            initialised = false;
            return Probe.no("NVML not available: " + e.getMessage());
        }
        initialised = rc == NvmlReader.SUCCESS;
        if (!initialised) {
            return Probe.no("NVML failed to initialise (nvmlInit_v2 returned " + rc + "; no NVIDIA driver?)");
        }
        int count = reader.deviceCount();
        if (count <= 0) {
            return Probe.no("NVML sees no NVIDIA GPU");
        }
        if (sumWatts(count).isEmpty()) {
            return Probe.no("NVML gives no power figure for " + (count == 1 ? "the GPU" : "every GPU")
                    + " (nvmlDeviceGetPowerUsage not supported on this card)");
        }
        return Probe.yes("NVML reports power for " + count + " GPU" + (count == 1 ? "" : "s"));
    }

    @Override
    public synchronized Optional<PowerReading> read() {
        if (initialised == null) {
            probe();
        }
        if (!initialised) {
            return Optional.empty();
        }
        int count = reader.deviceCount();
        return sumWatts(count).map(w -> new PowerReading(w, SOURCE, true, clock.instant()));
    }

    /** Sum over devices in watts; empty when there is none or any device gives no figure. */
    private Optional<Double> sumWatts(int count) {
        if (count <= 0) {
            return Optional.empty();
        }
        long total = 0;
        for (int i = 0; i < count; i++) {
            long mw = reader.powerMilliwatts(i);
            if (mw < 0) {
                return Optional.empty();
            }
            total += mw;
        }
        return Optional.of(total / 1000.0);
    }
}
