package dev.breakeven.core.power;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PowerSamplerTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong nanos = new AtomicLong(5 * SECOND);

    private PowerSampler sampler(PowerMeter meter) {
        return new PowerSampler(meter, Duration.ofMillis(250), nanos::get);
    }

    @Test
    void integratesARecordedSequenceWithTheTrapezoidRule() {
        ReplayPowerMeter meter = new ReplayPowerMeter("nvidia-smi", true, List.of(100.0, 200.0, 200.0, 100.0), Clock.systemUTC());
        PowerSampler sampler = sampler(meter);

        sampler.begin();                 // t=0: 100 W
        nanos.addAndGet(SECOND);
        sampler.sampleOnce();            // t=1: 200 W
        nanos.addAndGet(SECOND);
        sampler.sampleOnce();            // t=2: 200 W
        assertThat(sampler.latestWatts().getAsDouble()).isEqualTo(200.0);
        assertThat(sampler.energySoFar().joules()).isCloseTo(150 + 200, within(1e-9));
        nanos.addAndGet(SECOND);
        AnswerEnergy energy = sampler.finish(); // t=3: 100 W

        // (100+200)/2 + (200+200)/2 + (200+100)/2 = 500 J over 3 s.
        assertThat(energy.joules()).isCloseTo(500, within(1e-9));
        assertThat(energy.seconds()).isCloseTo(3, within(1e-9));
        assertThat(energy.averageWatts()).isCloseTo(500.0 / 3, within(1e-9));
        assertThat(energy.peakWatts()).isEqualTo(200);
        assertThat(energy.samples()).isEqualTo(4);
        assertThat(energy.label()).isEqualTo("measured (nvidia-smi)");
        assertThat(energy.joulesPerToken(250)).isCloseTo(2.0, within(1e-9));
        assertThat(energy.joulesPerToken(0)).isZero();
        assertThat(energy.kilowattHours()).isCloseTo(500 / 3.6e6, within(1e-15));
        assertThat(energy.cost(0.30)).isCloseTo(500 / 3.6e6 * 0.30, within(1e-15));
        assertThat(meter.reads()).isEqualTo(4);
    }

    @Test
    void aMissingFirstSampleIsHeldBackToTheStartAndGapsAreBridged() {
        // RAPL-like: the first read only primes, one read in the middle fails.
        ReplayPowerMeter meter = new ReplayPowerMeter("RAPL", true, List.of(Double.NaN, 50.0, Double.NaN, 70.0), Clock.systemUTC());
        PowerSampler sampler = sampler(meter);

        sampler.begin();                 // t=0: nothing
        assertThat(sampler.latestWatts()).isEmpty();
        nanos.addAndGet(SECOND);
        sampler.sampleOnce();            // t=1: 50 W, held back over [0,1]: 50 J
        nanos.addAndGet(SECOND);
        sampler.sampleOnce();            // t=2: failed read
        nanos.addAndGet(SECOND);
        AnswerEnergy energy = sampler.finish(); // t=3: 70 W; [1,3] trapezoid: 120 J

        assertThat(energy.joules()).isCloseTo(50 + 120, within(1e-9));
        assertThat(energy.samples()).isEqualTo(2);
        assertThat(energy.seconds()).isCloseTo(3, within(1e-9));
    }

    @Test
    void eachAnswerStartsFromZero() {
        PowerSampler sampler = sampler(new ReplayPowerMeter("x", true, List.of(10.0), Clock.systemUTC()));
        sampler.begin();
        nanos.addAndGet(2 * SECOND);
        assertThat(sampler.finish().joules()).isCloseTo(20, within(1e-9));

        sampler.begin();
        nanos.addAndGet(SECOND);
        assertThat(sampler.finish().joules()).isCloseTo(10, within(1e-9));
        assertThat(AnswerEnergy.electricityCost(3_600_000, 0.25)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void samplesTheEstimateMeterAtLeastFourTimesASecondOnARealThread() throws Exception {
        EstimatedPowerMeter meter = new EstimatedPowerMeter(new EstimateBasis("this CPU", 65, 6.5, "test"),
                CpuLoad.system(), Clock.systemUTC());
        try (PowerSampler sampler = new PowerSampler(meter)) {
            long start = System.nanoTime();
            sampler.start();
            assertThat(sampler.isRunning()).isTrue();
            assertThat(sampler.latestWatts()).isPresent();
            Thread.sleep(1_200);
            AnswerEnergy energy = sampler.stop();
            double elapsed = (System.nanoTime() - start) / 1e9;

            assertThat(sampler.isRunning()).isFalse();
            assertThat(energy.samples()).isGreaterThanOrEqualTo((int) Math.floor(elapsed * 4));
            assertThat(energy.label()).isEqualTo("estimated: this CPU TDP 65 W (test) × load");
            assertThat(energy.averageWatts()).isBetween(6.5, 65.0);
            assertThat(energy.joules()).isBetween(6.5 * energy.seconds() - 1e-9, 65 * energy.seconds() + 1e-9);
            assertThat(energy.seconds()).isCloseTo(elapsed, within(0.2));
        }
    }
}
