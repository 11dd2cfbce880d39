package dev.breakeven.core.hardware;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;

/**
 * One short run on this machine, reduced to what corrects predictions: the memory bandwidth at which the
 * planner's decode formula gives the rate llama.cpp measured ({@code effectiveBandwidthGBps}), and the ratio of
 * llama.cpp's prefill rate to the planner's ({@code prefillScale}). Predictions for this machine then use them
 * instead of the measured, detected or assumed figures. The run's figures stay with it so a page can show measured
 * against predicted.
 *
 * @param bandwidthBeforeGBps the bandwidth the planner used before (measured, detected, catalog or assumed)
 * @param prefillScale        measured over predicted prefill; null when the engine measured no prefill (older files)
 * @param gpu                 the GPU the run offloaded every layer to (its name as detected); null for a CPU run,
 *                            where the bandwidth is the RAM's
 * @param plannerDecodeEfficiency  the planner's share of bandwidth decode reaches on that device when the run was
 *                                 made (null in files written before it was kept)
 * @param plannerPrefillEfficiency the planner's prefill share (GFLOPS per core on a CPU, share of peak on a GPU)
 *                                 then: a later planner with other fitted shares rescales the corrections by them
 *                                 (see {@link #bandwidthFor} and {@link #prefillFactorFor}) instead of applying
 *                                 factors that were relative to the old ones
 * @param perLayerSeconds     this CPU's fixed time per layer and token, from a run on two shapes of different depth
 *                            and size (null: one shape, the planner's fitted time is kept)
 */
public record MachineCalibration(String machineId, String calibratedAt, String engine, String shape, int threads,
                                 double measuredDecodeTokPerSec, Double measuredPrefillTokPerSec,
                                 double predictedDecodeBefore, Double predictedPrefill, double bandwidthBeforeGBps,
                                 double effectiveBandwidthGBps, double seconds, Double prefillScale, String gpu,
                                 Double plannerDecodeEfficiency, Double plannerPrefillEfficiency,
                                 Double perLayerSeconds) {
    public MachineCalibration {
        if (machineId == null || machineId.isBlank() || calibratedAt == null) {
            throw new IllegalArgumentException("a calibration needs the machine id and its date");
        }
        Instant.parse(calibratedAt);
        if (!(effectiveBandwidthGBps > 0) || !Double.isFinite(effectiveBandwidthGBps)
                || !(measuredDecodeTokPerSec > 0)) {
            throw new IllegalArgumentException("a calibration needs a positive measured rate and bandwidth");
        }
        if (prefillScale != null && (!(prefillScale > 0) || !Double.isFinite(prefillScale))) {
            throw new IllegalArgumentException("a prefill correction must be a positive factor, not " + prefillScale);
        }
        if (gpu != null && gpu.isBlank()) {
            gpu = null;
        }
        if (perLayerSeconds != null && !(perLayerSeconds >= 0 && perLayerSeconds < 0.01)) {
            perLayerSeconds = null; // a hand-edited file: keep the planner's rather than refuse the run
        }
    }

    /** A CPU decode calibration without a prefill correction (as the first calibrations were stored). */
    public MachineCalibration(String machineId, String calibratedAt, String engine, String shape, int threads,
                              double measuredDecodeTokPerSec, Double measuredPrefillTokPerSec,
                              double predictedDecodeBefore, Double predictedPrefill, double bandwidthBeforeGBps,
                              double effectiveBandwidthGBps, double seconds) {
        this(machineId, calibratedAt, engine, shape, threads, measuredDecodeTokPerSec, measuredPrefillTokPerSec,
                predictedDecodeBefore, predictedPrefill, bandwidthBeforeGBps, effectiveBandwidthGBps, seconds, null,
                null, null, null, null);
    }

    /** A calibration without the planner's shares of the day (as files were stored before they were kept). */
    public MachineCalibration(String machineId, String calibratedAt, String engine, String shape, int threads,
                              double measuredDecodeTokPerSec, Double measuredPrefillTokPerSec,
                              double predictedDecodeBefore, Double predictedPrefill, double bandwidthBeforeGBps,
                              double effectiveBandwidthGBps, double seconds, Double prefillScale, String gpu) {
        this(machineId, calibratedAt, engine, shape, threads, measuredDecodeTokPerSec, measuredPrefillTokPerSec,
                predictedDecodeBefore, predictedPrefill, bandwidthBeforeGBps, effectiveBandwidthGBps, seconds,
                prefillScale, gpu, null, null, null);
    }

    public String date() {
        return calibratedAt.substring(0, 10);
    }

    /** True for a run on a GPU (every layer offloaded), false for the CPU. */
    @JsonIgnore
    public boolean onGpu() {
        return gpu != null;
    }

    /** The prefill correction, 1 when there is none. */
    @JsonIgnore
    public double prefillFactor() {
        return prefillScale == null ? 1.0 : prefillScale;
    }

    /**
     * The bandwidth that gives the measured decode rate with a planner whose decode share is
     * {@code decodeEfficiencyNow}: the run found {@code efficiency × bandwidth}, which is what the device streams.
     */
    public double bandwidthFor(double decodeEfficiencyNow) {
        return plannerDecodeEfficiency == null || !(decodeEfficiencyNow > 0)
                || plannerDecodeEfficiency == decodeEfficiencyNow ? effectiveBandwidthGBps
                : effectiveBandwidthGBps * plannerDecodeEfficiency / decodeEfficiencyNow;
    }

    /** The prefill correction for a planner whose prefill share is {@code prefillEfficiencyNow}. */
    public double prefillFactorFor(double prefillEfficiencyNow) {
        return plannerPrefillEfficiency == null || !(prefillEfficiencyNow > 0)
                || plannerPrefillEfficiency == prefillEfficiencyNow ? prefillFactor()
                : prefillFactor() * plannerPrefillEfficiency / prefillEfficiencyNow;
    }
}
