package dev.breakeven.core.power;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** NVML's selection and parsing logic on an injected reader: there is no NVIDIA driver on the build machine. */
class NvmlPowerMeterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    /** A reader answering from fixed figures (milliwatts per device, −1 for "not supported"). */
    private record FakeReader(int initCode, long... milliwatts) implements NvmlReader {
        @Override
        public int init() {
            return initCode;
        }

        @Override
        public int deviceCount() {
            return milliwatts.length;
        }

        @Override
        public long powerMilliwatts(int index) {
            return milliwatts[index];
        }
    }

    @Test
    void sumsEveryBoardInWattsAndSaysMeasured() {
        NvmlPowerMeter meter = new NvmlPowerMeter(new FakeReader(0, 287_450, 61_200), CLOCK);

        assertThat(meter.probe().available()).isTrue();
        assertThat(meter.probe().reason()).isEqualTo("NVML reports power for 2 GPUs");
        PowerReading reading = meter.read().orElseThrow();
        assertThat(reading.watts()).isEqualTo(348.65);
        assertThat(reading.label()).isEqualTo("measured (NVML)");
    }

    @Test
    void aBoardWithoutAFigureMakesTheReadingUnavailableNotSmaller() {
        NvmlPowerMeter meter = new NvmlPowerMeter(new FakeReader(0, 120_000, -1), CLOCK);
        assertThat(meter.probe().available()).isFalse();
        assertThat(meter.probe().reason()).contains("not supported");
        assertThat(meter.read()).isEmpty();
    }

    @Test
    void noDriverOrNoGpuFallsBackToNvidiaSmiThenTheEstimate() {
        NvmlPowerMeter noDriver = new NvmlPowerMeter(new NvmlReader() {
            @Override
            public int init() {
                throw new IllegalStateException("NVML library not found (nvidia-ml)");
            }

            @Override
            public int deviceCount() {
                throw new AssertionError("not called after a failed init");
            }

            @Override
            public long powerMilliwatts(int index) {
                throw new AssertionError("not called after a failed init");
            }
        }, CLOCK);
        NvmlPowerMeter initFails = new NvmlPowerMeter(new FakeReader(9), CLOCK);
        NvmlPowerMeter noGpu = new NvmlPowerMeter(new FakeReader(0), CLOCK);
        EstimatedPowerMeter estimate = new EstimatedPowerMeter(EstimateBasis.ofTdp("test CPU", 65, "test"), () -> 0.5, CLOCK);

        PowerMeters.Detection detection = PowerMeters.detect(List.of(noDriver, initFails, noGpu), estimate);

        assertThat(detection.meter()).isSameAs(estimate);
        assertThat(detection.reasons()).containsExactly(
                "skipped: NVML not available: NVML library not found (nvidia-ml)",
                "skipped: NVML failed to initialise (nvmlInit_v2 returned 9; no NVIDIA driver?)",
                "skipped: NVML sees no NVIDIA GPU",
                "chosen: " + estimate.probe().reason());
        assertThat(noDriver.read()).isEmpty();
    }

    @Test
    void nvmlComesBeforeNvidiaSmiAndIsSummedWithRapl() {
        List<PowerMeter> candidates = PowerMeters.systemCandidates("Linux", PowerSampler.DEFAULT_PERIOD);
        assertThat(candidates.get(0)).isInstanceOf(NvmlPowerMeter.class);
        assertThat(candidates.get(1)).isInstanceOf(NvidiaSmiPowerMeter.class);

        AtomicInteger reads = new AtomicInteger();
        NvmlPowerMeter gpu = new NvmlPowerMeter(new NvmlReader() {
            @Override
            public int init() {
                return SUCCESS;
            }

            @Override
            public int deviceCount() {
                return 1;
            }

            @Override
            public long powerMilliwatts(int index) {
                reads.incrementAndGet();
                return 200_000;
            }
        }, CLOCK);
        NvidiaSmiPowerMeter smi = new NvidiaSmiPowerMeter("/nonexistent/nvidia-smi", java.time.Duration.ofSeconds(1), CLOCK);
        PowerMeters.Detection detection = PowerMeters.detectGpuPlusCpu(List.of(gpu, smi),
                new EstimatedPowerMeter(EstimateBasis.ofTdp("cpu", 65, "test"), () -> 0, CLOCK));
        // The same boards are not counted twice: nvidia-smi is not even probed once NVML answered.
        assertThat(detection.meter()).isSameAs(gpu);
        assertThat(detection.reasons()).hasSize(1);
        assertThat(reads.get()).isPositive();
    }

    @Test
    void onThisMachineNvmlIsSkippedWithAReasonWhenThereIsNoDriver() {
        PowerMeter.Probe probe = NvmlPowerMeter.system().probe();
        if (!probe.available()) {
            assertThat(probe.reason()).startsWith("NVML");
        }
    }
}
