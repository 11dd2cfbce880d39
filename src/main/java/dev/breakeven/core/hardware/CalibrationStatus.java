package dev.breakeven.core.hardware;

import java.util.Comparator;

/** What predictions for this machine say about themselves: "calibrated 2026-12-07" or "uncalibrated". */
public final class CalibrationStatus {
    /** The profile note {@link OverridesApplier} writes for a calibration starts with this word and the date. */
    static final String CALIBRATED = "Calibrated";

    private CalibrationStatus() {
    }

    /** The latest calibration applied to the profile (CPU or GPU), by its date. */
    public static String of(HardwareProfile profile) {
        return profile.calibrations().stream()
                .max(Comparator.comparing(MachineCalibration::calibratedAt))
                .map(c -> "calibrated " + c.date())
                .orElse("uncalibrated");
    }
}
