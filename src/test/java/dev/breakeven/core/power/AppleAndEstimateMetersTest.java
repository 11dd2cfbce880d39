package dev.breakeven.core.power;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AppleAndEstimateMetersTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void powermetricsPrefersTheCombinedLine() {
        assertThat(AppleSiliconPowerMeter.parse(PowerFixtures.text("powermetrics/m2-air-combined.txt")).getAsDouble())
                .isCloseTo(0.261, within(1e-9));
    }

    @Test
    void powermetricsWithoutCombinedSumsTheFirstCpuGpuAneLines() {
        // The GPU section repeats "GPU Power: 320 mW"; the processor section's 324 mW is the one summed.
        assertThat(AppleSiliconPowerMeter.parse(PowerFixtures.text("powermetrics/m2-air-no-combined.txt")).getAsDouble())
                .isCloseTo(1.996 + 0.324, within(1e-9));
        assertThat(AppleSiliconPowerMeter.parse("CPU Power: 42.5 W").getAsDouble()).isCloseTo(42.5, within(1e-9));
    }

    @Test
    void powermetricsWithoutPowerLinesIsUnavailable() {
        assertThat(AppleSiliconPowerMeter.parse(PowerFixtures.text("powermetrics/intel-mac.txt"))).isEmpty();
        assertThat(AppleSiliconPowerMeter.parse("")).isEmpty();
    }

    @Test
    void powermetricsNotPermittedDegradesQuietly(@TempDir Path dir) throws Exception {
        // What `sudo -n powermetrics` does without a sudoers rule: a message on stderr and exit 1.
        Path denied = PowerFixtures.script(dir, "sudo", "echo 'sudo: a password is required' >&2\nexit 1");
        AppleSiliconPowerMeter meter = new AppleSiliconPowerMeter(List.of(denied.toString(), "-n", "powermetrics"),
                Duration.ofSeconds(5), CLOCK);
        assertThat(meter.read()).isEmpty();
        assertThat(meter.probe().available()).isFalse();
        assertThat(meter.probe().reason()).contains("not permitted");

        Path fixture = PowerFixtures.path("powermetrics/m2-air-combined.txt");
        Path permitted = PowerFixtures.script(dir, "powermetrics", "cat '" + fixture + "'");
        AppleSiliconPowerMeter working = new AppleSiliconPowerMeter(List.of(permitted.toString()), Duration.ofSeconds(5), CLOCK);
        assertThat(working.read().orElseThrow().label()).isEqualTo("measured (powermetrics)");
    }

    @Test
    void estimateFollowsIdlePlusLoadShareOfTheRange() {
        EstimateBasis basis = new EstimateBasis("Ryzen 7 7700", 65, 10, "catalog");
        assertThat(basis.wattsAt(0)).isEqualTo(10);
        assertThat(basis.wattsAt(1)).isEqualTo(65);
        assertThat(basis.wattsAt(0.5)).isCloseTo(37.5, within(1e-9));
        assertThat(basis.wattsAt(3)).as("load is clamped").isEqualTo(65);
        assertThat(EstimateBasis.ofTdp("GPU", 300, "user").idleWatts()).isCloseTo(30, within(1e-9));
        assertThatThrownBy(() -> new EstimateBasis("x", 0, 0, "user")).isInstanceOf(IllegalArgumentException.class);

        EstimatedPowerMeter meter = new EstimatedPowerMeter(basis, () -> 0.5, CLOCK);
        PowerReading reading = meter.read().orElseThrow();
        assertThat(reading.watts()).isCloseTo(37.5, within(1e-9));
        assertThat(reading.measured()).isFalse();
        assertThat(reading.label()).isEqualTo("estimated: Ryzen 7 7700 TDP 65 W (catalog) × load");
        assertThat(meter.probe().reason()).contains("(65 W − idle)").contains("catalog");
    }

    @Test
    void cpuLoadFromRecordedProcStat(@TempDir Path dir) throws Exception {
        Path stat = dir.resolve("stat");
        Files.copy(PowerFixtures.path("proc/stat-before.txt"), stat);
        CpuLoad load = CpuLoad.fromProcStat(stat);
        load.getAsDouble();
        Files.copy(PowerFixtures.path("proc/stat-after.txt"), stat, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // 201 jiffies passed, 100 of them idle: one of the two cores was busy.
        assertThat(load.getAsDouble()).isCloseTo(101.0 / 201.0, within(1e-9));
        assertThat(CpuLoad.parse("garbage")).isEmpty();
    }

    @Test
    void cpuLoadOnThisMachineIsAFraction() {
        CpuLoad load = CpuLoad.system();
        load.getAsDouble();
        assertThat(load.getAsDouble()).isBetween(0.0, 1.0);
    }
}
