package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HardwareCommandTest {
    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    @Test
    void jsonHasTheDocumentedFieldsAndExitsZeroWithoutAGpu() throws IOException {
        CliRun result = run("hardware", "--json");
        assertThat(result.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("os").asText()).isNotBlank();
        JsonNode cpu = json.get("cpu");
        assertThat(names(cpu)).containsExactly("model", "physicalCores", "logicalCores", "flags");
        assertThat(cpu.get("logicalCores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(cpu.get("flags").isArray()).isTrue();
        JsonNode memory = json.get("memory");
        assertThat(names(memory)).contains("totalBytes", "availableBytes", "bandwidthGBps");
        assertThat(memory.get("totalBytes").asLong()).isPositive();
        assertThat(json.get("gpus").isArray()).isTrue();
        assertThat(json.get("notes").isArray()).isTrue();
    }

    @Test
    void savedOverridesAndWhatIfCardsShowUpWithUserSource() throws IOException {
        Files.createDirectories(home.resolve("settings"));
        Files.writeString(home.resolve("settings/hardware-overrides.json"),
                "{\"memoryBandwidthGBps\": 41.6, \"whatIfCards\": [\"rtx-4090\"]}");
        JsonNode json = new ObjectMapper().readTree(run("hardware", "--json").out());
        assertThat(json.at("/memory/bandwidthGBps").asDouble()).isEqualTo(41.6);
        assertThat(json.at("/memory/bandwidthSource").asText()).isEqualTo("user");
        JsonNode whatIf = json.get("gpus").get(json.get("gpus").size() - 1);
        assertThat(names(whatIf)).contains("name", "vendor", "vramTotalBytes", "vramFreeBytes", "bandwidthGBps",
                "tdpWatts", "source");
        assertThat(whatIf.get("name").asText()).isEqualTo("GeForce RTX 4090");
        assertThat(whatIf.get("vendor").asText()).isEqualTo("nvidia");
        assertThat(whatIf.get("source").asText()).isEqualTo("user");
        assertThat(whatIf.get("bandwidthGBps").asDouble()).isEqualTo(1008.0);
        assertThat(whatIf.at("/sources/bandwidthGBps").asText()).isEqualTo("catalog");

        JsonNode detectedOnly = new ObjectMapper().readTree(run("hardware", "--json", "--detected-only").out());
        assertThat(detectedOnly.at("/memory/bandwidthSource").asText()).isNotEqualTo("user");
    }

    @Test
    void aCorruptOverridesFileIsANoteNotAFailure() throws IOException {
        Files.createDirectories(home.resolve("settings"));
        Files.writeString(home.resolve("settings/hardware-overrides.json"), "not json at all");
        CliRun result = run("hardware", "--json");
        assertThat(result.code()).isZero();
        JsonNode notes = new ObjectMapper().readTree(result.out()).get("notes");
        assertThat(notes.toString()).contains("could not be read");
    }

    @Test
    void summaryNamesCpuAndRamAndSaysWhenThereIsNoGpu() {
        CliRun result = run("hardware");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("CPU ").contains("RAM ").contains("GiB total");
        if (!Files.exists(Path.of("/dev/nvidia0")) && !Files.exists(Path.of("/dev/kfd"))) {
            assertThat(result.out()).contains("none detected");
        }
    }

    @Test
    void unknownOptionIsAOneLineError() {
        CliRun result = run("hardware", "--jsn");
        assertThat(result.code()).isNotZero();
        assertThat(result.err()).contains("--jsn");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
