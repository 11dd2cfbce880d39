package dev.breakeven.core.power;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CpuPowerCatalogTest {
    private final CpuPowerCatalog catalog = CpuPowerCatalog.load();

    @Test
    void matchesRecordedOshiAndCpuinfoNames() throws IOException {
        List<String[]> rows = fixtures();
        assertThat(rows).hasSizeGreaterThan(15);
        for (String[] row : rows) {
            Optional<CpuPowerSpec> match = catalog.match(row[0]);
            if (row[1].startsWith("class:")) {
                assertThat(match).as(row[0]).isEmpty();
                String segment = row[1].substring("class:".length());
                assertThat(catalog.basisFor(row[0], 4).figure()).as(row[0]).containsIgnoringCase(segment + "-class")
                        .contains("no catalog entry for \"" + row[0] + "\"");
            } else {
                assertThat(match).as(row[0]).map(CpuPowerSpec::id).contains(row[1]);
            }
        }
    }

    @Test
    void everyEntryHasASourceADateAndALoadFigure() {
        assertThat(catalog.all()).hasSizeGreaterThan(100);
        assertThat(catalog.all()).extracting(CpuPowerSpec::id).doesNotHaveDuplicates();
        for (CpuPowerSpec cpu : catalog.all()) {
            assertThat(cpu.source()).as(cpu.id()).startsWith("http");
            assertThat(cpu.checked()).as(cpu.id()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(cpu.loadFigure().watts()).as(cpu.id()).isBetween(5.0, 600.0);
            assertThat(cpu.cores()).as(cpu.id()).isPositive();
        }
        assertThat(catalog.all()).extracting(CpuPowerSpec::vendor).contains("amd", "intel", "apple");
    }

    @Test
    void desktopUsesThePackageLimitLaptopItsSustainedPowerAppleItsMeasuredFigure() {
        assertThat(catalog.basisFor("AMD Ryzen 9 7950X 16-Core Processor", 16).figure()).isEqualTo("Ryzen 9 7950X PPT 230 W");
        assertThat(catalog.basisFor("AMD Ryzen 9 7950X 16-Core Processor", 16).tdpWatts()).isEqualTo(230);
        assertThat(catalog.basisFor("13th Gen Intel(R) Core(TM) i9-13900K", 24).figure()).isEqualTo("Core i9-13900K MTP 253 W");
        // A 155H may burst to 115 W for seconds; an answer lasts longer, so its 28 W base power is the figure.
        assertThat(catalog.basisFor("Intel(R) Core(TM) Ultra 7 155H", 16).tdpWatts()).isEqualTo(28);
        assertThat(catalog.basisFor("Apple M4 Max", 16).figure()).isEqualTo("Apple M4 Max measured 71 W");
    }

    @Test
    void aCloudVmGetsItsShareOfTheServerPackage() {
        EstimateBasis basis = catalog.basisFor("AMD EPYC 9R14", 2);
        assertThat(basis.tdpWatts()).isEqualTo(360.0 * 2 / 96);
        assertThat(basis.figure()).isEqualTo("EPYC 9R14 TDP 360 W × 2/96 cores");
        EstimateBasis unknown = catalog.basisFor("AMD EPYC", 2);
        assertThat(unknown.tdpWatts()).isEqualTo(10.0);
        assertThat(unknown.figure()).startsWith("server-class CPU 2 cores × 5 W");
    }

    @Test
    void theEstimateOnThisMachineAlwaysGivesALabelledFigure() {
        EstimatedPowerMeter meter = PowerMeters.cpuEstimate();
        ThisCpu cpu = ThisCpu.detect();
        PowerReading reading = meter.read().orElseThrow();

        assertThat(reading.watts()).isPositive();
        assertThat(reading.measured()).isFalse();
        assertThat(reading.label()).startsWith("estimated: ").endsWith(" × load");
        // The label names the catalog figure or says it is a class figure for this CPU's name.
        assertThat(meter.basis().figure()).satisfiesAnyOf(
                f -> assertThat(catalog.match(cpu.name())).isPresent(),
                f -> assertThat(f).contains("-class").contains(String.valueOf(cpu.name())));
        System.out.println("this machine: " + cpu + " -> " + reading.label() + " " + reading.watts() + " W");
    }

    @Test
    void aUserTdpStillWinsOverTheCatalog() {
        PowerMeters.Detection detection = PowerMeters.forAnswers(java.util.OptionalDouble.of(65), "my CPU");
        if (!detection.meter().measured()) {
            assertThat(detection.label()).isEqualTo("estimated: my CPU TDP 65 W (user) × load");
        }
        EstimatedPowerMeter fixed = new EstimatedPowerMeter(catalog.basisFor("AMD Ryzen 9 7950X", 16), () -> 1.0,
                Clock.systemUTC());
        assertThat(fixed.read().orElseThrow().watts()).isEqualTo(230.0);
        assertThat(fixed.label()).isEqualTo("estimated: Ryzen 9 7950X PPT 230 W × load");
    }

    private static List<String[]> fixtures() throws IOException {
        try (InputStream in = CpuPowerCatalogTest.class.getResourceAsStream("/dev/breakeven/core/power/cpu-names.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).toList();
        }
    }
}
