package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.hardware.MachineId;
import dev.breakeven.core.hardware.MeasuredBandwidth;
import dev.breakeven.core.hardware.MeasuredBandwidthStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13: the RAM bandwidth is measured, stored with its date, and used by the planner instead of 40 GB/s. */
class HardwareMeasureTest {
    @TempDir
    Path home;

    @Test
    void measureStoresTheBandwidthAndFitUsesItInsteadOfTheAssumption() throws Exception {
        CliRun before = CliRun.run(home, "fit", "--model", "llama-3.1-8b", "--quant", "Q4_K_M", "--ctx", "4096");
        CliRun measured = CliRun.run(home, "hardware", "--measure", "--seconds", "1", "--json");

        assertThat(measured.code()).as(measured.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(measured.out());
        assertThat(json.at("/memory/bandwidthSource").asText()).isEqualTo("measured");
        double gbps = json.at("/memory/bandwidthGBps").asDouble();
        assertThat(gbps).isBetween(0.5, 2000.0);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(json.get("notes").toString()).contains("RAM bandwidth measured " + today);
        assertThat(home.resolve("settings").resolve(MeasuredBandwidthStore.FILE_NAME)).exists();

        // Kept: a later run without --measure still has it, and the planner no longer assumes 40 GB/s.
        JsonNode again = new ObjectMapper().readTree(CliRun.run(home, "hardware", "--json").out());
        assertThat(again.at("/memory/bandwidthGBps").asDouble()).isEqualTo(gbps);
        CliRun after = CliRun.run(home, "fit", "--model", "llama-3.1-8b", "--quant", "Q4_K_M", "--ctx", "4096");
        assertThat(after.code()).as(after.err()).isZero();
        assertThat(after.out() + after.err()).doesNotContain("RAM bandwidth unknown");
        if (before.out().contains("RAM bandwidth unknown")) {
            assertThat(before.out()).contains("assume 40 GB/s");
        }
    }

    @Test
    void aCorruptFileOrOneFromAnotherMachineIsIgnoredWithANotice() throws Exception {
        Path settings = Files.createDirectories(home.resolve("settings"));
        MeasuredBandwidthStore store = new MeasuredBandwidthStore(settings);
        store.save(new MeasuredBandwidth("another-machine", Instant.parse("2026-01-02T03:04:05Z"), 99, 80, 8, 3));

        JsonNode other = new ObjectMapper().readTree(CliRun.run(home, "hardware", "--json").out());
        assertThat(other.at("/memory/bandwidthSource").asText()).isNotEqualTo("measured");
        assertThat(other.get("notes").toString()).contains("measured on another machine and is ignored");

        Files.writeString(store.file(), "{\"machineId\": \"" + MachineId.thisMachine() + "\", \"readGBps\": ");
        JsonNode corrupt = new ObjectMapper().readTree(CliRun.run(home, "hardware", "--json").out());
        assertThat(corrupt.at("/memory/bandwidthSource").asText()).isNotEqualTo("measured");
        assertThat(corrupt.get("notes").toString()).contains("could not be read and is ignored");

        store.save(new MeasuredBandwidth(MachineId.thisMachine(), Instant.parse("2026-01-02T03:04:05Z"), 12.5, 9, 2, 3));
        JsonNode mine = new ObjectMapper().readTree(CliRun.run(home, "hardware", "--json").out());
        assertThat(mine.at("/memory/bandwidthGBps").asDouble()).isEqualTo(12.5);
        assertThat(mine.get("notes").toString()).contains("RAM bandwidth measured 2026-01-02: 12.5 GB/s read");
    }
}
