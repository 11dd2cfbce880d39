package dev.breakeven.core.chat;

import dev.breakeven.core.power.EstimateBasis;
import dev.breakeven.core.power.EstimatedPowerMeter;
import dev.breakeven.core.power.PowerSampler;
import dev.breakeven.core.power.ReplayPowerMeter;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Issue 13: an answer's energy "above idle", against the idle draw read before it. */
class SampledAnswerPowerIdleTest {
    private static void busy(long millis) {
        long until = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aSensorsIdleIsReadBeforeTheAnswerAndSubtractedOverItsDuration() {
        // three idle readings of 20 W, then the answer at 80 W
        ReplayPowerMeter sensor = new ReplayPowerMeter("NVML", true, List.of(20.0, 20.0, 20.0, 80.0),
                Clock.systemUTC());
        AtomicLong now = new AtomicLong();
        SampledAnswerPower power = new SampledAnswerPower(new PowerSampler(sensor, Duration.ofMillis(20),
                System::nanoTime), Duration.ofMillis(1), now::get);

        power.begin();
        busy(300);
        AnswerPower.Figures figures = power.end();

        assertThat(power.idleWatts().orElseThrow()).isCloseTo(20.0, within(1e-9));
        double seconds = figures.joules() / figures.averageWatts();
        assertThat(figures.joulesAboveIdle()).isCloseTo(figures.joules() - 20.0 * seconds, within(1e-6));
        assertThat(figures.joulesAboveIdle()).isLessThan(figures.joules()).isPositive();

    }

    @Test
    void backToBackAnswersWithinAMinuteDoNotWaitForAnotherIdleReading() {
        ReplayPowerMeter sensor = new ReplayPowerMeter("NVML", true, List.of(20.0), Clock.systemUTC());
        AtomicLong now = new AtomicLong();
        // a sampler that only samples at start and stop, so each answer's reads can be counted
        SampledAnswerPower power = new SampledAnswerPower(new PowerSampler(sensor, Duration.ofHours(1),
                System::nanoTime), Duration.ofMillis(1), now::get);

        int first = answerReads(power, sensor);
        int second = answerReads(power, sensor);
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        int third = answerReads(power, sensor);

        assertThat(second).as("start and stop samples only").isEqualTo(2);
        assertThat(first).as("three idle readings first").isEqualTo(second + 3);
        assertThat(third).as("read again after a minute").isEqualTo(first);
    }

    private static int answerReads(SampledAnswerPower power, ReplayPowerMeter sensor) {
        int before = sensor.reads();
        power.begin();
        power.end();
        return sensor.reads() - before;
    }

    @Test
    void anEstimateSubtractsItsModelledIdle() {
        EstimateBasis basis = EstimateBasis.ofTdp("cpu", 100, "test");
        EstimatedPowerMeter estimate = new EstimatedPowerMeter(basis, () -> 0.5, Clock.systemUTC());
        SampledAnswerPower power = new SampledAnswerPower(new PowerSampler(estimate, Duration.ofMillis(20),
                System::nanoTime), Duration.ofMillis(1), System::nanoTime);

        power.begin();
        busy(300);
        AnswerPower.Figures figures = power.end();

        assertThat(power.idleWatts().orElseThrow()).isEqualTo(basis.idleWatts());
        double seconds = figures.joules() / figures.averageWatts();
        // idle + (tdp − idle) × 0.5 drawn, so above idle is (tdp − idle) × 0.5 × seconds
        assertThat(figures.joulesAboveIdle()).isCloseTo((100 - basis.idleWatts()) * 0.5 * seconds, within(1e-6));
    }
}
