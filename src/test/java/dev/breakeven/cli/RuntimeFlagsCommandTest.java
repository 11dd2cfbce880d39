package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench}/{@code chat --engine runtime} start llama-server with the fit plan's flags, or the user's. */
class RuntimeFlagsCommandTest {
    @TempDir
    Path home;

    private static List<String> words(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private String engineLog() throws Exception {
        return Files.readString(home.resolve("data/logs/engine-runtime-llama-2-tiny-random.log"));
    }

    @Test
    void benchJsonSaysWhichPlannedFlagsTheServerRanWithAndTheLogShowsThem() throws Exception {
        SharedModels.llamaServer();
        CliRun bench = CliRun.run(home, "bench", "--gguf", SharedModels.tinyLlama().toString(), "--engine", "runtime",
                "--ctx", "512", "--prompt-tokens", "16", "--gen-tokens", "8", "--json");
        assertThat(bench.code()).as(bench.err()).isZero();
        List<String> args = words(Json.mapper().readTree(bench.out()).path("engineArgs"));
        // this machine's plan: whatever it detected, one slot, a layer count and a flash-attention decision
        assertThat(args).containsSubsequence("-np", "1").contains("-ngl", "-fa");
        String log = engineLog();
        assertThat(log.lines().findFirst().orElseThrow()).contains("started llama-server").contains(String.join(" ", args));
        assertThat(log).contains("flags " + String.join(" ", args) + " from the fit plan: this machine");
    }

    @Test
    void theUsersNglAndFlashAttentionOverrideThePlan() throws Exception {
        SharedModels.llamaServer();
        CliRun bench = CliRun.run(home, "bench", "--gguf", SharedModels.tinyLlama().toString(), "--engine", "runtime",
                "--ctx", "512", "--prompt-tokens", "16", "--gen-tokens", "8", "--ngl", "0", "--flash-attn", "off",
                "--json");
        assertThat(bench.code()).as(bench.err()).isZero();
        JsonNode result = Json.mapper().readTree(bench.out());
        assertThat(words(result.path("engineArgs"))).containsExactly("-np", "1", "-ngl", "0", "-fa", "off");
        assertThat(result.path("decodeTokPerSec").asDouble()).isPositive();
        assertThat(engineLog()).contains("-ngl 0 as you asked").contains("flash attention off");

        CliRun chat = CliRun.run(home, "chat", "--gguf", SharedModels.tinyLlama().toString(), "--engine", "runtime",
                "--ctx", "512", "--prompt", "Hello", "--max-tokens", "4", "--ngl", "2", "--verbose");
        assertThat(chat.code()).as(chat.err()).isZero();
        assertThat(chat.err()).contains("engine flags: -np 1 -ngl 2 -fa ");
    }

    @Test
    void serverFlagsForAnotherEngineOrOutOfRangeAreRefusedWithAReason() {
        CliRun builtin = CliRun.run(home, "chat", "--gguf", SharedModels.tinyLlama().toString(), "--engine", "builtin",
                "--prompt", "hi", "--ngl", "3");
        assertThat(builtin.code()).isNotZero();
        assertThat(builtin.err()).contains("llama-server flags: use them with --engine runtime");
        CliRun url = CliRun.run(home, "bench", "--engine", "http://127.0.0.1:9", "--ngl", "3");
        assertThat(url.code()).isNotZero();
        assertThat(url.err()).contains("a running server keeps its own");
        CliRun negative = CliRun.run(home, "bench", "--gguf", SharedModels.tinyLlama().toString(), "--ngl", "-1");
        assertThat(negative.code()).isNotZero();
        assertThat(negative.err()).contains("--ngl");
        CliRun fa = CliRun.run(home, "bench", "--gguf", SharedModels.tinyLlama().toString(), "--engine", "runtime",
                "--flash-attn", "sometimes");
        assertThat(fa.code()).isNotZero();
        assertThat(fa.err()).contains("use on, off or auto");
    }
}
