package dev.breakeven.core.power;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Picks the best power source this machine offers, and says why. */
public final class PowerMeters {
    private PowerMeters() {
    }

    /** The chosen meter and, for each candidate tried in order, why it was or was not taken. */
    public record Detection(PowerMeter meter, List<String> reasons) {
        public Detection {
            reasons = List.copyOf(reasons);
        }

        public String label() {
            return meter.label();
        }
    }

    /**
     * Probes the candidates in order and takes the first available one; the estimate is the
     * fallback and is always available.
     */
    public static Detection detect(List<? extends PowerMeter> candidates, EstimatedPowerMeter fallback) {
        List<String> reasons = new ArrayList<>();
        for (PowerMeter candidate : candidates) {
            PowerMeter.Probe probe;
            try {
                probe = candidate.probe();
            } catch (RuntimeException e) {
                probe = PowerMeter.Probe.no(candidate.source() + " failed: " + e.getMessage());
            }
            reasons.add((probe.available() ? "chosen: " : "skipped: ") + probe.reason());
            if (probe.available()) {
                return new Detection(candidate, reasons);
            }
        }
        reasons.add("chosen: " + fallback.probe().reason());
        return new Detection(fallback, reasons);
    }

    /**
     * Like {@link #detect} but, when a GPU meter and the CPU package meter (RAPL) are both available,
     * returns their sum: for a model split between GPU and CPU, both sides draw. Never sums two GPU
     * meters of the same kind twice or a meter with itself: the first GPU meter and RAPL at most.
     */
    public static Detection detectGpuPlusCpu(List<? extends PowerMeter> candidates, EstimatedPowerMeter fallback) {
        List<String> reasons = new ArrayList<>();
        PowerMeter gpu = null;
        PowerMeter cpu = null;
        for (PowerMeter candidate : candidates) {
            boolean isCpu = candidate instanceof RaplPowerMeter;
            if ((isCpu && cpu != null) || (!isCpu && gpu != null)) {
                continue;
            }
            PowerMeter.Probe probe;
            try {
                probe = candidate.probe();
            } catch (RuntimeException e) {
                probe = PowerMeter.Probe.no(candidate.source() + " failed: " + e.getMessage());
            }
            reasons.add((probe.available() ? "chosen: " : "skipped: ") + probe.reason());
            if (probe.available() && isCpu) {
                cpu = candidate;
            } else if (probe.available()) {
                gpu = candidate;
            }
        }
        if (gpu != null && cpu != null) {
            return new Detection(new SummedPowerMeter(List.of(gpu, cpu), Clock.systemUTC()), reasons);
        }
        if (gpu != null || cpu != null) {
            return new Detection(gpu != null ? gpu : cpu, reasons);
        }
        reasons.add("chosen: " + fallback.probe().reason());
        return new Detection(fallback, reasons);
    }

    /**
     * This machine's sources in order of preference: GPU meters first (NVML, then nvidia-smi), then CPU package,
     * for the OS. The two NVIDIA meters read the same boards: {@link #detectGpuPlusCpu} takes the first that answers.
     */
    public static List<PowerMeter> systemCandidates(String osName, Duration sampleInterval) {
        String os = osName.toLowerCase(Locale.ROOT);
        List<PowerMeter> candidates = new ArrayList<>();
        // NVML first: one in-process call per reading; nvidia-smi (a process per reading) where NVML will not load.
        candidates.add(NvmlPowerMeter.system());
        candidates.add(NvidiaSmiPowerMeter.onPath());
        if (os.contains("linux")) {
            candidates.add(AmdHwmonPowerMeter.system());
        }
        if (os.contains("mac")) {
            candidates.add(AppleSiliconPowerMeter.withSudo(sampleInterval));
        }
        if (os.contains("linux")) {
            candidates.add(RaplPowerMeter.system());
        }
        return candidates;
    }

    /** The CPU estimate for this machine: the CPU power catalog's figure for its CPU, or a class figure. */
    public static EstimatedPowerMeter cpuEstimate() {
        ThisCpu cpu = ThisCpu.detect();
        return new EstimatedPowerMeter(CpuPowerCatalog.load().basisFor(cpu.name(), cpu.visibleCores()), CpuLoad.system(),
                Clock.systemUTC());
    }

    /**
     * The meter answers on this machine use: the first sensor that answers, else the CPU estimate (a TDP the user
     * gave, when given, else the catalog's). Never empty: an estimate is always labelled as one.
     */
    public static Detection forAnswers(java.util.OptionalDouble userTdpWatts, String device) {
        EstimatedPowerMeter fallback = userTdpWatts.isPresent() && userTdpWatts.getAsDouble() > 0
                ? new EstimatedPowerMeter(EstimateBasis.ofTdp(device, userTdpWatts.getAsDouble(), "user"), CpuLoad.system(),
                Clock.systemUTC())
                : cpuEstimate();
        return detect(systemCandidates(System.getProperty("os.name", ""), PowerSampler.DEFAULT_PERIOD), fallback);
    }

    /** Detection on the running machine with an estimate from the given basis as the fallback. */
    public static Detection detectSystem(EstimateBasis estimateBasis) {
        EstimatedPowerMeter fallback = new EstimatedPowerMeter(estimateBasis, CpuLoad.system(), Clock.systemUTC());
        return detect(systemCandidates(System.getProperty("os.name", ""), PowerSampler.DEFAULT_PERIOD), fallback);
    }
}
