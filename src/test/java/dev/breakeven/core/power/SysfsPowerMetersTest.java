package dev.breakeven.core.power;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SysfsPowerMetersTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void amdHwmonSumsCardsPreferringAverageAndSkipsConnectors() {
        AmdHwmonPowerMeter meter = new AmdHwmonPowerMeter(PowerFixtures.path("amdgpu-rx"), CLOCK);

        assertThat(meter.powerFiles()).extracting(p -> p.getFileName().toString())
                .containsExactly("power1_average", "power1_input");
        assertThat(meter.read().orElseThrow().watts()).isCloseTo(18.0 + 35.0, within(1e-9));
        assertThat(meter.probe().available()).isTrue();
        assertThat(meter.label()).isEqualTo("measured (amdgpu hwmon)");
    }

    @Test
    void amdHwmonWithoutFilesIsUnavailable(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("card0/device"));
        AmdHwmonPowerMeter meter = new AmdHwmonPowerMeter(dir, CLOCK);
        assertThat(meter.read()).isEmpty();
        assertThat(meter.probe().available()).isFalse();
        assertThat(new AmdHwmonPowerMeter(dir.resolve("absent"), CLOCK).read()).isEmpty();
    }

    @Test
    void raplTakesPackageZonesOnlyAndComputesWattsFromTheEnergyDelta(@TempDir Path dir) throws Exception {
        Path root = PowerFixtures.copyTree("rapl-haswell-laptop", dir);
        // A psys zone already contains the package: counting it would double the figure.
        Path psys = Files.createDirectories(root.resolve("intel-rapl:1"));
        Files.writeString(psys.resolve("name"), "psys\n");
        Files.writeString(psys.resolve("energy_uj"), "60293987000000\n");
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        RaplPowerMeter meter = new RaplPowerMeter(root, nanos::get, CLOCK);

        assertThat(meter.packageZones()).extracting(p -> p.getFileName().toString()).containsExactly("intel-rapl:0");
        assertThat(meter.probe().available()).isTrue();
        assertThat(meter.read()).as("the first read only primes the counter").isEmpty();

        // 0.5 s later the package counter advanced 7.5 J, the core subzone 5 J (ignored): 15 W.
        nanos.addAndGet(500_000_000L);
        Files.writeString(root.resolve("intel-rapl:0/energy_uj"), Long.toString(26963529117L + 7_500_000L));
        Files.writeString(root.resolve("intel-rapl:0:0/energy_uj"), Long.toString(7980278886L + 5_000_000L));
        assertThat(meter.read().orElseThrow().watts()).isCloseTo(15.0, within(1e-9));
    }

    @Test
    void raplUnwrapsACounterThatPassedItsMaximum(@TempDir Path dir) throws Exception {
        Path root = PowerFixtures.copyTree("rapl-haswell-laptop", dir);
        long max = 262143328850L;
        Files.writeString(root.resolve("intel-rapl:0/energy_uj"), Long.toString(max - 2_000_000L));
        AtomicLong nanos = new AtomicLong(0);
        RaplPowerMeter meter = new RaplPowerMeter(root, nanos::get, CLOCK);
        meter.read();

        nanos.addAndGet(1_000_000_000L);
        Files.writeString(root.resolve("intel-rapl:0/energy_uj"), "3000000");
        assertThat(meter.read().orElseThrow().watts()).isCloseTo(5.0, within(1e-9));
        assertThat(RaplPowerMeter.delta(100, 40, 0)).as("unknown range: count from zero").isEqualTo(40);
    }

    @Test
    void raplWithoutZonesOrWithUnreadableCounterSaysWhy(@TempDir Path dir) throws Exception {
        RaplPowerMeter none = new RaplPowerMeter(dir.resolve("powercap"), System::nanoTime, CLOCK);
        assertThat(none.probe().available()).isFalse();
        assertThat(none.probe().reason()).contains("no RAPL package zone");
        assertThat(none.read()).isEmpty();

        Path root = PowerFixtures.copyTree("rapl-haswell-laptop", dir.resolve("broken"));
        Files.writeString(root.resolve("intel-rapl:0/energy_uj"), "not a number");
        RaplPowerMeter broken = new RaplPowerMeter(root, System::nanoTime, CLOCK);
        assertThat(broken.probe().available()).isFalse();
        assertThat(broken.read()).isEmpty();
    }

    @Test
    void thisMachinesPowercapIsHandledWhateverItHolds() {
        // Here there is no /sys/class/powercap at all, or a root-only energy_uj: either way no exception.
        RaplPowerMeter system = RaplPowerMeter.system();
        PowerMeter.Probe probe = system.probe();
        assertThat(probe.reason()).isNotBlank();
        if (!probe.available()) {
            assertThat(system.read()).isEmpty();
        }
    }
}
