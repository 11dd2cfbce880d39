package dev.breakeven.core.power;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IdleDrawTest {
    @Test
    void averagesASensorsReadingsBeforeTheAnswerAndSubtractsThemOverItsDuration() throws Exception {
        ReplayPowerMeter sensor = new ReplayPowerMeter("NVML", true, List.of(30.0, 32.0, 34.0), Clock.systemUTC());

        double idle = IdleDraw.measure(sensor, Duration.ofMillis(1)).orElseThrow();

        assertThat(idle).isCloseTo(32.0, within(1e-9));
        AnswerEnergy answer = new AnswerEnergy(1000, 10, 100, 120, 50, "NVML", true);
        // 1000 J over 10 s minus 32 W × 10 s = 680 J that the answer added.
        assertThat(IdleDraw.joulesAboveIdle(answer, idle)).isCloseTo(680, within(1e-9));
        assertThat(IdleDraw.joulesAboveIdle(answer, 500)).isZero();
    }

    @Test
    void anEstimateHasNoIdleToMeasure() throws Exception {
        EstimatedPowerMeter estimate = new EstimatedPowerMeter(EstimateBasis.ofTdp("cpu", 65, "test"), () -> 0,
                Clock.systemUTC());
        assertThat(IdleDraw.measure(estimate, Duration.ofMillis(1))).isEmpty();
    }
}
