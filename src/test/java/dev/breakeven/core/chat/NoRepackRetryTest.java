package dev.breakeven.core.chat;

import dev.breakeven.core.engine.EngineKind;
import dev.breakeven.core.engine.EngineLaunch;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.NativeFaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AMX fault of llama.cpp (ggml-org/llama.cpp#20824), played by a wrapper around the real llama-server that
 * aborts with a GGML_ASSERT as the first chat request reaches a slot unless {@code --no-repack} is among its
 * arguments: the answer comes after one retry with {@code --no-repack}, and the next fresh start passes it at once.
 */
class NoRepackRetryTest {
    @TempDir
    Path home;

    /** The wrapper script: logs its argv, execs the real server with --no-repack, else crashes at the first slot. */
    private Path amxCrashingServer(Path real, Path argvLog) throws Exception {
        String script = """
                #!/bin/bash
                printf '%s\\n' "$*" >> 'ARGV'
                for a in "$@"; do
                  if [ "$a" = --no-repack ]; then exec 'REAL' "$@"; fi
                done
                fifo='DIR'/fifo.$$
                mkfifo "$fifo"
                # small batches keep the prompt in evaluation well after the slot is taken, so no token escapes
                'REAL' "$@" -b 8 -ub 8 > "$fifo" 2>&1 &
                child=$!
                trap 'kill -9 $child 2>/dev/null; rm -f "$fifo"' EXIT
                trap 'exit 143' TERM INT
                while IFS= read -r line; do
                  printf '%s\\n' "$line"
                  case "$line" in
                    *get_availabl*|*launch_slot_*)
                      kill -STOP $child
                      echo '/ggml/src/ggml-cpu/amx/mmq.cpp:2470: GGML_ASSERT(false) failed' >&2
                      exit 134;;
                  esac
                done < "$fifo"
                wait $child
                """.replace("ARGV", argvLog.toString()).replace("REAL", real.toAbsolutePath().toString())
                .replace("DIR", home.toString());
        Path server = home.resolve("bin/llama-server");
        Files.createDirectories(server.getParent());
        Files.writeString(server, script);
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
        return server;
    }

    private static ChatRequest longPrompt() {
        return new ChatRequest("", List.of(ChatMessage.user("Tell me a story about " + "the sea and ".repeat(150))),
                SamplingSettings.defaults().withMaxTokens(8).withSeed(7), true);
    }

    @Test
    void aCrashBeforeTheFirstTokenIsRetriedWithNoRepackAndRemembered() throws Exception {
        Path real = SharedModels.llamaServer();
        Path argvLog = home.resolve("argv.log");
        Path server = amxCrashingServer(real, argvLog);
        Path model = SharedModels.tinyLlama();
        try (EngineSupervisor supervisor = new EngineSupervisor(home.resolve("data/run"), home.resolve("data/logs"),
                new EngineSupervisor.Timing(Duration.ofSeconds(60), Duration.ofMillis(1500), Duration.ofMillis(50)))) {
            EngineLaunch launch = EngineLaunch.runtime(server, new EngineLaunch.ModelArgs(model, 2048, 1),
                    supervisor.logFileFor(EngineKind.RUNTIME, model));
            assertThat(launch.argv()).doesNotContain(NativeFaults.NO_REPACK);

            try (SupervisedEngine engine = new SupervisedEngine(supervisor, launch, "tiny", null)) {
                engine.prepare(Cancellation.none());
                GenerationResult result = engine.generate(longPrompt(), new GenerationMetrics(), p -> { },
                        Cancellation.none());

                assertThat(result.stopReason()).isEqualTo(StopReason.LENGTH);
                assertThat(result.text()).isNotEmpty();
                assertThat(result.note()).startsWith("restarted with --no-repack: ").contains("GGML_ASSERT");
                List<String> starts = Files.readAllLines(argvLog);
                assertThat(starts).hasSize(2);
                assertThat(starts.get(0).split(" ")).doesNotContain(NativeFaults.NO_REPACK);
                assertThat(starts.get(1).split(" ")).contains(NativeFaults.NO_REPACK);
                assertThat(engine.process().orElseThrow().launch().argv()).contains(NativeFaults.NO_REPACK);
                Path log = engine.process().orElseThrow().logFile().orElseThrow();
                assertThat(Files.readString(log.resolveSibling(log.getFileName() + ".previous")))
                        .contains("GGML_ASSERT", "starting it once more with --no-repack");
                assertThat(Files.readString(log)).contains("restarted with --no-repack");
            }
            Path faults = home.resolve("data/native-faults.json");
            assertThat(faults).isRegularFile();
            assertThat(Files.readString(faults)).contains(server.toAbsolutePath().toString());

            // a fresh start of the same binary on this CPU: --no-repack from the outset, no crash, no retry
            try (SupervisedEngine again = new SupervisedEngine(supervisor, launch, "tiny", null)) {
                again.prepare(Cancellation.none());
                List<String> starts = Files.readAllLines(argvLog);
                assertThat(starts).hasSize(3);
                assertThat(starts.get(2).split(" ")).contains(NativeFaults.NO_REPACK);
                GenerationResult result = again.generate(longPrompt(), new GenerationMetrics(), p -> { },
                        Cancellation.none());
                assertThat(result.stopReason()).isEqualTo(StopReason.LENGTH);
                assertThat(result.note()).isEmpty();
                assertThat(Files.readAllLines(argvLog)).hasSize(3);
                assertThat(Files.readString(again.process().orElseThrow().logFile().orElseThrow()))
                        .contains("passing --no-repack");
            }
        }
    }
}
