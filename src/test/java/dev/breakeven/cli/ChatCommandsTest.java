package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.chat.LlamaServerProcess;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ChatCommandsTest {
    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    @Test
    void benchPrintsTheJsonContractWithLlamaCppsOwnRate() throws Exception {
        CliRun r = run("bench", "--gguf", SharedModels.tinyLlama().toString(), "--prompt-tokens", "64",
                "--gen-tokens", "32", "--threads", "2", "--ctx", "512", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.path("promptTokens").asInt()).isBetween(64, 66);
        assertThat(json.path("genTokens").asInt()).isEqualTo(32);
        assertThat(json.path("ttftMs").asDouble()).isPositive();
        assertThat(json.path("promptTokPerSec").asDouble()).isPositive();
        assertThat(json.path("decodeTokPerSec").asDouble()).isPositive();
        assertThat(json.path("engineDecodeTokPerSec").asDouble()).isPositive();
        assertThat(json.has("watts")).isTrue();
        assertThat(json.path("wattsSource").asText()).isNotBlank();
        assertThat(json.has("joulesPerToken")).isTrue();
        // the best engine: the shared llama-server where it is; the built-in host on a fresh clone without ../shared
        assertThat(json.path("engine").asText()).isIn("runtime", "builtin");
    }

    @Test
    void chatStreamsAnAnswerAndBenchWorksAgainstAnExternalServer() throws Exception {
        CliRun chat = run("chat", "--gguf", SharedModels.tinyLlama().toString(), "--prompt", "Hello", "--max-tokens", "12",
                "--ctx", "512", "--seed", "5");
        assertThat(chat.code()).as(chat.err()).isZero();
        assertThat(chat.out().strip()).isNotEmpty();
        assertThat(chat.err()).contains("tokens,", "tok/s");

        try (LlamaServerProcess server = LlamaServerProcess.start(SharedModels.tinyLlama())) {
            CliRun json = run("chat", "--engine-url", server.url(), "--prompt", "Hello", "--max-tokens", "8", "--json");
            assertThat(json.code()).as(json.err()).isZero();
            JsonNode answer = Json.mapper().readTree(json.out());
            assertThat(answer.path("answer").asText()).isNotEmpty();
            assertThat(answer.path("metrics").path("engineDecodeTokPerSec").asDouble()).isPositive();
            assertThat(answer.path("engine").asText()).isEqualTo(server.url());

            CliRun bench = run("bench", "--engine-url", server.url(), "--prompt-tokens", "32", "--gen-tokens", "16", "--json");
            assertThat(bench.code()).as(bench.err()).isZero();
            assertThat(Json.mapper().readTree(bench.out()).path("engineDecodeTokPerSec").asDouble()).isPositive();
            assertThat(Json.mapper().readTree(bench.out()).path("engine").asText()).isEqualTo(server.url());
        }
    }

    @Test
    void badInputIsOneLineErrorNeverAStackTrace() throws Exception {
        Path text = Files.writeString(home.resolve("readme.gguf"), "not a model, just words in a file");
        CliRun notGguf = run("chat", "--gguf", text.toString(), "--prompt", "hi");
        assertThat(notGguf.code()).isNotZero();
        assertThat(notGguf.err()).startsWith("error: readme.gguf is not a usable GGUF model").doesNotContain("\tat ");

        CliRun missing = run("bench", "--gguf", home.resolve("nope.gguf").toString(), "--json");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("nope.gguf").contains("no such file");

        CliRun both = run("bench", "--json");
        assertThat(both.code()).isNotZero();
        assertThat(both.err()).contains("give --gguf PATH (a local engine) or --engine URL (a running server)");

        Path huge = dev.breakeven.core.chat.ModelPreflightTest.model(home, "llama", 200);
        CliRun tooLarge = run("bench", "--gguf", huge.toString(), "--json");
        assertThat(tooLarge.code()).isNotZero();
        assertThat(tooLarge.err()).startsWith("error: llama-200g.gguf ").contains("smaller quantization");

        CliRun qwen3 = run("chat", "--gguf", dev.breakeven.core.chat.ModelPreflightTest.model(home, "qwen3", 1).toString(),
                "--engine", "builtin", "--prompt", "hi");
        assertThat(qwen3.code()).isNotZero();
        assertThat(qwen3.err()).contains("'qwen3'", "--engine-url");

        CliRun dead = run("chat", "--engine-url", "http://127.0.0.1:9", "--prompt", "hi");
        assertThat(dead.code()).isNotZero();
        assertThat(dead.err()).contains("error: Nothing answers at http://127.0.0.1:9");
    }
}
