package dev.breakeven.core.hardware;

import java.time.Instant;

/**
 * A RAM bandwidth this machine measured with {@link BandwidthMeter}: the planner uses {@code readGBps} (decode
 * streams weights, it reads) instead of an assumed or theoretical figure.
 */
public record MeasuredBandwidth(String machineId, String measuredAt, double readGBps, double copyGBps, int threads,
                                double seconds) {
    public MeasuredBandwidth {
        if (!(readGBps > 0) || !Double.isFinite(readGBps)) {
            throw new IllegalArgumentException("a measured bandwidth must be a positive number: " + readGBps);
        }
        if (machineId == null || machineId.isBlank() || measuredAt == null) {
            throw new IllegalArgumentException("a measurement needs the machine id and its date");
        }
        Instant.parse(measuredAt); // an ISO instant, or the file is not ours

    }

    public MeasuredBandwidth(String machineId, Instant measuredAt, double readGBps, double copyGBps, int threads,
                             double seconds) {
        this(machineId, measuredAt.toString(), readGBps, copyGBps, threads, seconds);
    }

    public static MeasuredBandwidth of(BandwidthMeter.Result result, String machineId, Instant at) {
        return new MeasuredBandwidth(machineId, at.toString(), result.readGBps(), result.copyGBps(), result.threads(),
                result.seconds());
    }

    /** "2026-12-07": the day, as pages show it. */
    public String date() {
        return measuredAt.substring(0, 10);
    }
}
