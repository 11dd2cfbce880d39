package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.chat.ExternalOpenAiEngine;
import dev.breakeven.core.chat.ExternalSettings;
import dev.breakeven.core.chat.LlamaServerProcess;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --engine builtin|runtime|URL} on bench and chat, through the CLI as a user runs it. */
class EngineCommandsTest {
    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    @Test
    void runtimeEngineAnswersAndItsProcessIsGoneAfterwards() throws Exception {
        SharedModels.llamaServer(); // the runtime engine is the shared llama-server: skips without it (fails under CI)
        CliRun chat = run("chat", "--gguf", SharedModels.tinyLlama().toString(), "--engine", "runtime", "--ctx", "512",
                "--prompt", "Hello", "--max-tokens", "8", "--json");
        assertThat(chat.code()).as(chat.err()).isZero();
        JsonNode answer = Json.mapper().readTree(chat.out());
        assertThat(answer.path("engine").asText()).isEqualTo("runtime");
        assertThat(answer.path("model").asText()).isEqualTo("llama-2-tiny-random");
        assertThat(answer.path("answer").asText()).isNotEmpty();
        assertThat(answer.path("stopReason").asText()).isEqualTo("LENGTH");
        // the command stopped its engine: no pid file, and the engine's log says so
        try (Stream<Path> pids = Files.list(home.resolve("data/run"))) {
            assertThat(pids.toList()).isEmpty();
        }
        assertThat(Files.readString(home.resolve("data/logs/engine-runtime-llama-2-tiny-random.log")))
                .contains("listening on http://127.0.0.1:", "stopped by the app");
    }

    @Test
    void aPromptLongerThanTheContextIsRefusedNotTruncatedQuietly() throws Exception {
        CliRun local = run("bench", "--gguf", SharedModels.tinyLlama().toString(), "--prompt-tokens", "1000",
                "--ctx", "256", "--json");
        assertThat(local.code()).isNotZero();
        assertThat(local.err()).contains("--prompt-tokens 1000 + --gen-tokens 64 do not fit the engine's context of 256");
        try (LlamaServerProcess server = LlamaServerProcess.start(SharedModels.tinyLlama())) {
            CliRun remote = run("bench", "--engine", server.url(), "--prompt-tokens", "1000", "--json");
            assertThat(remote.code()).isNotZero();
            assertThat(remote.err()).contains("do not fit the engine's context of 512");
        }
    }

    @Test
    void absurdThreadCountsAreRefusedBeforeAnyEngineStarts() {
        CliRun r = run("chat", "--gguf", SharedModels.tinyLlama().toString(), "--threads", "100000", "--prompt", "hi");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--threads: 100,000 looks wrong; it must be at most "
                + Runtime.getRuntime().availableProcessors() + " threads");
    }

    @Test
    void credentialsInAnEngineUrlAreNeverPrinted() throws Exception {
        CliRun dead = run("chat", "--engine", "http://alice:s3cret@127.0.0.1:9", "--prompt", "hi", "--json");
        assertThat(dead.code()).isNotZero();
        assertThat(dead.err()).contains("127.0.0.1:9").doesNotContain("s3cret").doesNotContain("alice");
        try (LlamaServerProcess server = LlamaServerProcess.start(SharedModels.tinyLlama())) {
            String withSecret = server.url().replace("http://", "http://alice:s3cret@");
            CliRun chat = run("chat", "--engine-url", withSecret, "--prompt", "hi", "--max-tokens", "4", "--json");
            assertThat(chat.code()).as(chat.err()).isZero();
            assertThat(chat.out()).doesNotContain("s3cret");
            assertThat(Json.mapper().readTree(chat.out()).path("engine").asText()).isEqualTo(server.url());
        }
    }

    @Test
    void chatJsonKeepsThePartialAnswerWhenTheEngineDies() throws Exception {
        SharedModels.llamaServer(); // the runtime engine is the shared llama-server: skips without it (fails under CI)
        Thread killer = Thread.ofVirtual().start(() -> {
            try {
                // the pid this start logged, not any pid file: an earlier test's engine may not have left yet
                Path log = home.resolve("data/logs/engine-runtime-llama-2-tiny-random.log");
                while (!Files.isRegularFile(log) || !Files.readString(log).contains("] ready at ")) {
                    Thread.sleep(50);
                }
                var started = java.util.regex.Pattern.compile("started llama-server \\(pid (\\d+)\\)").matcher(Files.readString(log));
                long pid = started.find() ? Long.parseLong(started.group(1)) : enginePid().orElseThrow();
                // killed before its first token the engine is started once more (a native fault at start is retried),
                // so wait until the server has the prompt: its first token comes within a few hundred ms of that,
                // and 3,000 tokens take seconds even at the tiny model's ~1,200 tok/s
                while (!Files.readString(log).contains("processing task")) {
                    Thread.sleep(20);
                }
                Thread.sleep(1_000);
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            } catch (Exception e) {
                e.printStackTrace(); // the assertions below report what happened
            }
        });
        CliRun chat = run("chat", "--gguf", SharedModels.tinyLlama().toString(), "--engine", "runtime", "--ctx", "4096",
                "--prompt", "Tell me everything", "--max-tokens", "3000", "--seed", "1", "--json");
        killer.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(chat.code()).as(chat.err() + chat.out()).isEqualTo(ChatCommand.INCOMPLETE);
        JsonNode answer = Json.mapper().readTree(chat.out());
        assertThat(answer.path("stopReason").asText()).isEqualTo("ENGINE_DIED");
        assertThat(answer.path("answer").asText()).isNotEmpty();
        assertThat(answer.path("metrics").path("genTokens").asInt()).isBetween(1, 2_999);
        assertThat(answer.path("note").asText()).startsWith("the engine stopped: ").contains("killed");
    }

    @Test
    void aLongBenchPromptIsBuiltFromAFewCountsNotOnePerWord() throws Exception {
        try (LlamaServerProcess server = LlamaServerProcess.start(SharedModels.tinyLlama());
             var engine = new ExternalOpenAiEngine(ExternalSettings.of(server.url()))) {
            engine.prepare(dev.breakeven.core.chat.Cancellation.none());
            long started = System.nanoTime();
            var request = BenchCommand.requestOf(engine, 8000, 16);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            int tokens = engine.countPromptTokens(request);
            assertThat(tokens).isBetween(8000, 8002);
            assertThat(ms).as("building an 8,000-token prompt").isLessThan(5_000);
        }
    }

    private Optional<Long> enginePid() throws Exception {
        Path run = home.resolve("data/run");
        if (!Files.isDirectory(run)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(run)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("engine-") && n.endsWith(".json"))
                    .map(n -> Long.parseLong(n.substring("engine-".length(), n.length() - ".json".length())))
                    .findFirst();
        }
    }
}
