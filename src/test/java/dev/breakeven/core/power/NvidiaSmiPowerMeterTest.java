package dev.breakeven.core.power;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NvidiaSmiPowerMeterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void sumsEveryGpuLine() {
        assertThat(NvidiaSmiPowerMeter.parse(PowerFixtures.text("nvidia-smi/two-gtx-1080.txt")).getAsDouble())
                .isCloseTo(262.30, within(1e-9));
        assertThat(NvidiaSmiPowerMeter.parse(PowerFixtures.text("nvidia-smi/rtx-2080.txt")).getAsDouble())
                .isCloseTo(176.98, within(1e-9));
    }

    @Test
    void malformedOrNotAvailableOutputIsUnavailable() {
        assertThat(NvidiaSmiPowerMeter.parse(PowerFixtures.text("nvidia-smi/gtx-1050-ti-na.txt"))).isEmpty();
        assertThat(NvidiaSmiPowerMeter.parse(PowerFixtures.text("nvidia-smi/no-driver.txt"))).isEmpty();
        assertThat(NvidiaSmiPowerMeter.parse("")).isEmpty();
        assertThat(NvidiaSmiPowerMeter.parse("120.5\n[N/A]\n")).isEmpty();
        assertThat(NvidiaSmiPowerMeter.parse("-3")).isEmpty();
    }

    @Test
    void runsTheToolWithThePowerQuery(@TempDir Path dir) throws Exception {
        Path fixture = PowerFixtures.path("nvidia-smi/two-gtx-1080.txt");
        // The script only answers when called with the documented query, as the real tool would.
        Path tool = PowerFixtures.script(dir, "nvidia-smi",
                "[ \"$1\" = --query-gpu=power.draw ] && [ \"$2\" = --format=csv,noheader,nounits ] || exit 2\ncat '" + fixture + "'");
        NvidiaSmiPowerMeter meter = new NvidiaSmiPowerMeter(tool.toString(), Duration.ofSeconds(5), CLOCK);

        assertThat(meter.probe().available()).isTrue();
        assertThat(meter.probe().reason()).contains("2 GPUs");
        PowerReading reading = meter.read().orElseThrow();
        assertThat(reading.watts()).isCloseTo(262.30, within(1e-9));
        assertThat(reading.measured()).isTrue();
        assertThat(reading.label()).isEqualTo("measured (nvidia-smi)");
        assertThat(reading.timestamp()).isEqualTo(CLOCK.instant());
    }

    @Test
    void aHungToolIsKilledAndReadsAsUnavailable(@TempDir Path dir) throws Exception {
        Path tool = PowerFixtures.script(dir, "nvidia-smi", "sleep 30");
        NvidiaSmiPowerMeter meter = new NvidiaSmiPowerMeter(tool.toString(), Duration.ofMillis(300), CLOCK);

        long start = System.nanoTime();
        assertThat(meter.read()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(meter.probe().reason()).contains("did not answer");
    }

    @Test
    void failingOrMissingToolIsUnavailableWithAReason(@TempDir Path dir) throws Exception {
        Path noDriver = PowerFixtures.path("nvidia-smi/no-driver.txt");
        Path tool = PowerFixtures.script(dir, "nvidia-smi", "cat '" + noDriver + "'\nexit 9");
        NvidiaSmiPowerMeter failing = new NvidiaSmiPowerMeter(tool.toString(), Duration.ofSeconds(5), CLOCK);
        assertThat(failing.read()).isEmpty();
        assertThat(failing.probe().reason()).contains("exit code 9");

        NvidiaSmiPowerMeter missing = new NvidiaSmiPowerMeter(dir.resolve("absent").toString(), Duration.ofSeconds(5), CLOCK);
        assertThat(missing.read()).isEmpty();
        assertThat(missing.probe().available()).isFalse();
        assertThat(missing.probe().reason()).contains("not found");
    }
}
