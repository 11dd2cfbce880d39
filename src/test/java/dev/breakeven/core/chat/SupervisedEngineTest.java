package dev.breakeven.core.chat;

import dev.breakeven.core.engine.EngineKind;
import dev.breakeven.core.engine.EngineLaunch;
import dev.breakeven.core.engine.EngineProcess;
import dev.breakeven.core.engine.EngineSupervisor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A llama-server under supervision, for real: streaming, kill -9 mid-answer, a crash before the first token. */
class SupervisedEngineTest {
    @TempDir
    Path home;
    private EngineSupervisor supervisor;
    private SupervisedEngine engine;

    @BeforeEach
    void start() {
        supervisor = new EngineSupervisor(home.resolve("run"), home.resolve("logs"),
                new EngineSupervisor.Timing(Duration.ofSeconds(60), Duration.ofMillis(1500), Duration.ofMillis(50)));
        Path model = SharedModels.tinyLlama();
        EngineLaunch launch = EngineLaunch.runtime(SharedModels.llamaServer(), new EngineLaunch.ModelArgs(model, 512, 2),
                supervisor.logFileFor(EngineKind.RUNTIME, model));
        engine = new SupervisedEngine(supervisor, launch, "llama-2-tiny-random", null);
    }

    @AfterEach
    void stop() {
        if (engine != null) { // null when the test was skipped for want of ../shared
            engine.close();
        }
        supervisor.close();
    }

    private static ChatRequest ask(int maxTokens) {
        return new ChatRequest("", List.of(ChatMessage.user("Tell me a story")),
                SamplingSettings.defaults().withMaxTokens(maxTokens).withSeed(7), true);
    }

    @Test
    void startsStreamsAndStopsTheProcess() throws Exception {
        engine.prepare(Cancellation.none());
        EngineProcess process = engine.process().orElseThrow();
        assertThat(engine.contextSize()).isEqualTo(512);
        assertThat(engine.exactTokenCounts()).isTrue();
        assertThat(engine.countTokens("hello world")).isEqualTo(2);
        List<String> pieces = new ArrayList<>();
        GenerationResult result = engine.generate(ask(12), new GenerationMetrics(), pieces::add, Cancellation.none());
        assertThat(result.stopReason()).isEqualTo(StopReason.LENGTH);
        assertThat(String.join("", pieces)).isEqualTo(result.text()).isNotEmpty();
        assertThat(result.metrics().engineDecodeTokPerSec()).isPositive();
        engine.close();
        assertThat(process.isAlive()).isFalse();
        assertThat(supervisor.running()).isEmpty();
    }

    @Test
    void killMinus9MidAnswerKeepsThePartialAnswerMarkedAndTheNextTurnRestarts() throws Exception {
        engine.prepare(Cancellation.none());
        long firstPid = engine.process().orElseThrow().pid().orElseThrow();
        List<String> pieces = new ArrayList<>();
        GenerationResult result = engine.generate(ask(400), new GenerationMetrics(), piece -> {
            pieces.add(piece);
            if (pieces.size() == 3) {
                ProcessHandle.of(firstPid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
            }
        }, Cancellation.none());

        assertThat(result.stopReason()).isEqualTo(StopReason.ENGINE_DIED);
        assertThat(result.text()).isEqualTo(String.join("", pieces)).isNotEmpty();
        assertThat(pieces.size()).isBetween(3, 399);
        assertThat(result.note()).startsWith("the engine stopped: ").contains("killed");
        assertThat(result.stopReason().measurable()).isFalse();

        GenerationResult next = engine.generate(ask(8), new GenerationMetrics(), p -> { }, Cancellation.none());
        assertThat(next.stopReason()).isEqualTo(StopReason.LENGTH);
        assertThat(next.text()).isNotEmpty();
        assertThat(engine.process().orElseThrow().pid().orElseThrow()).isNotEqualTo(firstPid);
        Path log = engine.process().orElseThrow().logFile().orElseThrow();
        assertThat(Files.readString(log.resolveSibling(log.getFileName() + ".previous")))
                .contains("the engine died mid-answer");
    }

    @Test
    void aCrashBeforeTheFirstTokenOfAFreshStartIsRetriedOnce() throws Exception {
        engine.prepare(Cancellation.none());
        long firstPid = engine.process().orElseThrow().pid().orElseThrow();
        // frozen, so it cannot answer, then killed while the request waits: a death before any token
        new ProcessBuilder("kill", "-STOP", Long.toString(firstPid)).start().waitFor();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                return;
            }
            ProcessHandle.of(firstPid).ifPresent(ProcessHandle::destroyForcibly);
        });
        GenerationResult result = engine.generate(ask(8), new GenerationMetrics(), p -> { }, Cancellation.none());

        assertThat(result.stopReason()).isEqualTo(StopReason.LENGTH);
        assertThat(result.text()).isNotEmpty();
        assertThat(engine.process().orElseThrow().pid().orElseThrow()).isNotEqualTo(firstPid);
        Path log = engine.process().orElseThrow().logFile().orElseThrow();
        assertThat(Files.readString(log.resolveSibling(log.getFileName() + ".previous")))
                .contains("the engine died before its first token", "starting it once more");
    }
}
