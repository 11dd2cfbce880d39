package dev.breakeven.core.hardware;

/** What predictions for this machine say about themselves: "calibrated 2026-12-07" or "uncalibrated". */
public final class CalibrationStatus {
    /** The profile note {@link OverridesApplier} writes for a calibration starts with this word and the date. */
    static final String CALIBRATED = "Calibrated";

    private CalibrationStatus() {
    }

    public static String of(HardwareProfile profile) {
        if (profile.memory().bandwidthSource() == FigureSource.CALIBRATED) {
            for (String note : profile.notes()) {
                if (note.startsWith(CALIBRATED + " ")) {
                    return "calibrated " + note.substring(CALIBRATED.length() + 1, CALIBRATED.length() + 11);
                }
            }
            return "calibrated";
        }
        return "uncalibrated";
    }
}
