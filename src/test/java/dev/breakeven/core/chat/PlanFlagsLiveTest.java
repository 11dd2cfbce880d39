package dev.breakeven.core.chat;

import dev.breakeven.core.engine.EngineKind;
import dev.breakeven.core.engine.EngineLaunch;
import dev.breakeven.core.engine.EngineSupervisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real llama-server started with a plan's flags loads and answers; f32 KV, as the tiny model's 4-wide heads rule out q8_0. */
class PlanFlagsLiveTest {
    @TempDir
    Path home;

    @Test
    void llamaServerTakesThePlansFlags() throws Exception {
        Path model = SharedModels.tinyLlama();
        Path server = SharedModels.llamaServer();
        try (EngineSupervisor supervisor = new EngineSupervisor(home.resolve("run"), home.resolve("logs"),
                new EngineSupervisor.Timing(Duration.ofSeconds(60), Duration.ofMillis(1500), Duration.ofMillis(50)))) {
            EngineLaunch launch = EngineLaunch.runtime(server, new EngineLaunch.ModelArgs(model, 512, 1),
                    new EngineLaunch.PlanFlags(true, 0, "f32"), supervisor.logFileFor(EngineKind.RUNTIME, model));
            try (SupervisedEngine engine = new SupervisedEngine(supervisor, launch, "tiny", null)) {
                GenerationResult result = engine.generate(new ChatRequest("", List.of(ChatMessage.user("Hello")),
                        SamplingSettings.defaults().withMaxTokens(4).withSeed(7), true), new GenerationMetrics(),
                        p -> { }, Cancellation.none());
                assertThat(result.stopReason()).isEqualTo(StopReason.LENGTH);
                String log = Files.readString(engine.process().orElseThrow().logFile().orElseThrow());
                // llama-server refuses a KV type it cannot use (q8_0 here: "does not divide n_embd_head_k=4"), so an answer
                // means the flags were taken
                assertThat(log).contains("-fa on", "-ctk f32 -ctv f32", "-ngl 0");
            }
        }
    }
}
