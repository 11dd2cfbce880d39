package dev.breakeven.core.hardware;

import java.time.Instant;

/**
 * One short decode run on this machine, reduced to what corrects predictions: the RAM bandwidth at which the
 * planner's decode formula gives the rate llama.cpp measured ({@code effectiveBandwidthGBps}). Predictions for
 * this machine then use it instead of the measured, detected or assumed bandwidth. The run's figures stay with it
 * so a page can show measured against predicted.
 *
 * @param bandwidthBeforeGBps the bandwidth the planner used before (measured, detected or assumed)
 */
public record MachineCalibration(String machineId, String calibratedAt, String engine, String shape, int threads,
                                 double measuredDecodeTokPerSec, Double measuredPrefillTokPerSec,
                                 double predictedDecodeBefore, Double predictedPrefill, double bandwidthBeforeGBps,
                                 double effectiveBandwidthGBps, double seconds) {
    public MachineCalibration {
        if (machineId == null || machineId.isBlank() || calibratedAt == null) {
            throw new IllegalArgumentException("a calibration needs the machine id and its date");
        }
        Instant.parse(calibratedAt);
        if (!(effectiveBandwidthGBps > 0) || !Double.isFinite(effectiveBandwidthGBps)
                || !(measuredDecodeTokPerSec > 0)) {
            throw new IllegalArgumentException("a calibration needs a positive measured rate and bandwidth");
        }
    }

    public String date() {
        return calibratedAt.substring(0, 10);
    }
}
