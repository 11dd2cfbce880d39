package dev.breakeven.core.calibration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThisMachineCalibrationTest {
    @Test
    void aMachineMoreThanHalfBusyWhenTheRunStartsIsSaidSoWithItsLoad() {
        assertThat(ThisMachineCalibration.busyWarning(2.6, 2)).hasValueSatisfying(w -> assertThat(w)
                .contains("load average 2.6 on 2 cores", "calibrate again when it is idle"));
        assertThat(ThisMachineCalibration.busyWarning(4.1, 8)).isPresent();
    }

    @Test
    void anIdleOrHalfBusyMachineOrOneWithoutALoadAverageGetsNoWarning() {
        assertThat(ThisMachineCalibration.busyWarning(0.3, 2)).isEmpty();
        assertThat(ThisMachineCalibration.busyWarning(1.0, 2)).as("exactly half the cores").isEmpty();
        assertThat(ThisMachineCalibration.busyWarning(3.9, 8)).isEmpty();
        assertThat(ThisMachineCalibration.busyWarning(-1, 8)).as("Windows has no load average").isEmpty();
        assertThat(ThisMachineCalibration.busyWarning(Double.NaN, 8)).isEmpty();
    }
}
