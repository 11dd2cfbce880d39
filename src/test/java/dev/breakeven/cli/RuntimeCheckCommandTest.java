package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code runtime check}: the planner's terms beside llama.cpp's allocation report, as a user runs it. */
class RuntimeCheckCommandTest {
    @TempDir
    Path home;

    @Test
    void jsonHasEachTermPlannedAndReportedAndTheRecordIsKept() throws Exception {
        SharedModels.llamaServer();
        CliRun r = CliRun.run(home, "runtime", "check", "--gguf", SharedModels.tinyLlama().toString(), "--ctx", "512",
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode check = Json.mapper().readTree(r.out());
        assertThat(check.path("contextSize").asInt()).isEqualTo(512);
        assertThat(check.path("engineArgs").toString()).contains("\"-ngl\"");
        assertThat(check.path("terms")).hasSize(3);
        check.path("terms").forEach(term -> {
            assertThat(term.path("plannedBytes").asLong()).as(term.toString()).isPositive();
            assertThat(term.path("reportedBytes").asLong()).as(term.toString()).isPositive();
        });
        assertThat(check.path("devices").has("CPU")).isTrue();
        assertThat(Files.readString(home.resolve("data/calibration/llamacpp-allocations.json")))
                .contains(SharedModels.tinyLlama().getFileName().toString());

        CliRun text = CliRun.run(home, "runtime", "check", "--gguf", SharedModels.tinyLlama().toString(), "--ctx", "512");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("KV cache").contains("compute buffer").contains("llama-server -np 1");
    }

    @Test
    void aMissingFileIsRefusedBeforeAnythingStarts() {
        CliRun r = CliRun.run(home, "runtime", "check", "--gguf", home.resolve("nope.gguf").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("no file at");
    }
}
