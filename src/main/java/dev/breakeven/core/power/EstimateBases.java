package dev.breakeven.core.power;

import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.GpuFigure;
import dev.breakeven.core.hardware.GpuInfo;
import dev.breakeven.core.hardware.HardwareProfile;

import java.util.Optional;

/** Estimate bases from the hardware profile: a GPU's TDP as detected, from the catalog, or set by the user. */
public final class EstimateBases {
    private EstimateBases() {
    }

    /** The GPU's TDP as an estimate basis; empty when its TDP is unknown. */
    public static Optional<EstimateBasis> forGpu(GpuInfo gpu) {
        if (gpu.tdpWatts() == null || gpu.tdpWatts() <= 0) {
            return Optional.empty();
        }
        FigureSource source = gpu.sourceOf(GpuFigure.TDP);
        return Optional.of(EstimateBasis.ofTdp(gpu.name(), gpu.tdpWatts(), source == null ? "detected" : source.json()));
    }

    /** The first GPU of the profile with a known TDP. */
    public static Optional<EstimateBasis> forFirstGpu(HardwareProfile profile) {
        return profile.gpus().stream().map(EstimateBases::forGpu).flatMap(Optional::stream).findFirst();
    }

    /** A CPU estimate from a TDP the user gave (the hardware profile has no CPU TDP). */
    public static EstimateBasis forCpu(HardwareProfile profile, double userTdpWatts) {
        return EstimateBasis.ofTdp(profile.cpu().model(), userTdpWatts, "user");
    }
}
