package dev.breakeven.core.power;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PowerMetersDetectTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private final EstimatedPowerMeter estimate =
            new EstimatedPowerMeter(new EstimateBasis("test CPU", 65, 6.5, "catalog"), () -> 0.25, CLOCK);

    @Test
    void takesTheFirstAvailableSourceAndSaysWhyOthersWereSkipped(@TempDir Path dir) {
        List<PowerMeter> candidates = List.of(
                new NvidiaSmiPowerMeter(dir.resolve("nvidia-smi").toString(), Duration.ofSeconds(2), CLOCK),
                new AmdHwmonPowerMeter(dir.resolve("drm"), CLOCK),
                new RaplPowerMeter(PowerFixtures.path("rapl-haswell-laptop"), System::nanoTime, CLOCK),
                new AmdHwmonPowerMeter(PowerFixtures.path("amdgpu-rx"), CLOCK));

        PowerMeters.Detection detection = PowerMeters.detect(candidates, estimate);

        assertThat(detection.meter()).isInstanceOf(RaplPowerMeter.class);
        assertThat(detection.label()).isEqualTo("measured (RAPL)");
        assertThat(detection.reasons()).hasSize(3);
        assertThat(detection.reasons().get(0)).startsWith("skipped: ").contains("nvidia-smi not found");
        assertThat(detection.reasons().get(1)).startsWith("skipped: ").contains("no GPU hwmon");
        assertThat(detection.reasons().get(2)).startsWith("chosen: ").contains("RAPL package zone");
    }

    @Test
    void fallsBackToTheEstimateWhenNothingIsPresent(@TempDir Path dir) {
        List<PowerMeter> candidates = List.of(
                new NvidiaSmiPowerMeter(dir.resolve("nvidia-smi").toString(), Duration.ofSeconds(2), CLOCK),
                new RaplPowerMeter(dir.resolve("powercap"), System::nanoTime, CLOCK));

        PowerMeters.Detection detection = PowerMeters.detect(candidates, estimate);

        assertThat(detection.meter()).isSameAs(estimate);
        assertThat(detection.label()).isEqualTo("estimated: test CPU TDP 65 W (catalog) × load");
        assertThat(detection.reasons()).last().asString().startsWith("chosen: estimate");
    }

    @Test
    void detectsSomethingOnThisMachine() {
        // No GPU here; RAPL may or may not be readable. Whatever is chosen must give a reading or be RAPL priming.
        PowerMeters.Detection detection = PowerMeters.detectSystem(EstimateBasis.ofTdp("this CPU", 65, "test"));
        assertThat(detection.reasons()).isNotEmpty();
        assertThat(detection.meter().label()).satisfiesAnyOf(l -> assertThat(l).startsWith("estimated: "), l -> assertThat(l).isIn("measured (RAPL)", "measured (nvidia-smi)",
                "measured (amdgpu hwmon)", "measured (powermetrics)"));
    }

    @Test
    void gpuPlusCpuSumsAGpuBoardAndTheCpuPackage(@TempDir Path dir) throws Exception {
        Path rapl = PowerFixtures.copyTree("rapl-haswell-laptop", dir.resolve("powercap"));
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(0);
        RaplPowerMeter cpu = new RaplPowerMeter(rapl, nanos::get, CLOCK);
        AmdHwmonPowerMeter gpu = new AmdHwmonPowerMeter(PowerFixtures.path("amdgpu-rx"), CLOCK);
        AmdHwmonPowerMeter secondGpuMeter = new AmdHwmonPowerMeter(PowerFixtures.path("amdgpu-rx"), CLOCK);

        PowerMeters.Detection detection = PowerMeters.detectGpuPlusCpu(List.of(gpu, secondGpuMeter, cpu), estimate);

        assertThat(detection.label()).isEqualTo("measured (amdgpu hwmon + RAPL)");
        assertThat(detection.reasons()).hasSize(2);
        PowerMeter sum = detection.meter();
        assertThat(sum.read()).as("RAPL primes on its first read, so the sum waits").isEmpty();
        nanos.addAndGet(1_000_000_000L);
        java.nio.file.Files.writeString(rapl.resolve("intel-rapl:0/energy_uj"), Long.toString(26963529117L + 20_000_000L));
        assertThat(sum.read().orElseThrow().watts()).isCloseTo(53.0 + 20.0, org.assertj.core.api.Assertions.within(1e-9));

        PowerMeters.Detection onlyCpu = PowerMeters.detectGpuPlusCpu(List.of(
                new AmdHwmonPowerMeter(dir.resolve("none"), CLOCK), new RaplPowerMeter(rapl, System::nanoTime, CLOCK)), estimate);
        assertThat(onlyCpu.meter()).isInstanceOf(RaplPowerMeter.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SummedPowerMeter(List.of(gpu, estimate), CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
