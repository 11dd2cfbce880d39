package dev.breakeven.core.chat;

import dev.breakeven.core.engine.EngineKind;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.LlamaServerLocator;
import dev.breakeven.core.fit.GpuSpec;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.fit.KvCacheType;
import dev.breakeven.core.fit.RuntimeLaunchPlan;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.runtime.LlamaCppAllocations;
import dev.breakeven.testing.GgufModelFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fit plan's flags reach the real llama-server the app starts: the argv the process got (read back from the
 * OS), the engine log's first lines, and an answer through it.
 */
class RuntimePlanFlagsTest {
    private static final long GIB = 1024L * 1024 * 1024;
    @TempDir
    Path home;
    private EngineSupervisor supervisor;
    private SupervisedEngine engine;

    @BeforeEach
    void supervisor() {
        supervisor = new EngineSupervisor(home.resolve("run"), home.resolve("logs"),
                new EngineSupervisor.Timing(Duration.ofSeconds(60), Duration.ofMillis(1500), Duration.ofMillis(50)));
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        supervisor.close();
    }

    /** The command line the running process was given, as the OS reports it. */
    private List<String> argvOfProcess() {
        long pid = engine.process().orElseThrow().pid().orElseThrow();
        return List.of(ProcessHandle.of(pid).orElseThrow().info().arguments().orElseThrow());
    }

    private String answer() throws ChatEngineException {
        return engine.generate(new ChatRequest("", List.of(ChatMessage.user("Tell me a story")),
                SamplingSettings.defaults().withMaxTokens(8).withSeed(3), true), new GenerationMetrics(), piece -> { },
                Cancellation.none()).text();
    }

    @Test
    void aCpuMachinesPlanStartsTheServerWithNoGpuLayersPlannedFlashAttentionAndOneSlot() throws Exception {
        LocalEngines engines = new LocalEngines(supervisor, LlamaServerLocator.at(SharedModels.llamaServer()));
        engine = engines.engine(EngineKind.RUNTIME, SharedModels.tinyLlama(), 512, 1, progress -> { });
        engine.prepare(Cancellation.none());

        assertThat(argvOfProcess()).containsSubsequence("-np", "1", "-ngl", "0", "-fa", "on")
                .containsSubsequence("-lv", "4");
        assertThat(engine.engineArgs()).containsExactly("-np", "1", "-ngl", "0", "-fa", "on");
        assertThat(answer()).isNotEmpty();
        Path log = engine.process().orElseThrow().logFile().orElseThrow();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.get(0)).contains("started llama-server").contains("-ngl 0 -fa on");
        assertThat(lines.get(1)).contains("flags -np 1 -ngl 0 -fa on from the fit plan")
                .contains("this machine (CPU only)").contains("every layer on the CPU");
        // -lv 4: the engine log holds llama.cpp's allocation report, for the Fit page's check
        assertThat(LlamaCppAllocations.parse(String.join("\n", lines)).found()).isTrue();
    }

    private static final HardwareTarget RTX_4090 = new HardwareTarget("this machine: NVIDIA GeForce RTX 4090",
            new GpuSpec("NVIDIA GeForce RTX 4090", 24 * GIB, 1008, 165, "cuda"), new HostSpec(64 * GIB, 80, 16), false);

    /**
     * The shared llama-server behind a script that lists a CUDA device, as a CUDA build on an RTX 4090 does
     * ({@code --list-devices}); everything else goes to the real server, which takes {@code -ngl} and ignores it.
     */
    private Path cudaLookingServer() throws Exception {
        Path wrapper = home.resolve("cuda-build/llama-server");
        Files.createDirectories(wrapper.getParent());
        Files.writeString(wrapper, """
                #!/bin/sh
                if [ "$1" = "--list-devices" ]; then
                  echo "Available devices:"
                  echo "  CUDA0: NVIDIA GeForce RTX 4090 (24080 MiB, 23158 MiB free)"
                  exit 0
                fi
                exec '%s' "$@"
                """.formatted(SharedModels.llamaServer().toAbsolutePath()));
        assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        return wrapper;
    }

    @Test
    void aGpuPlanAndTheUsersChoicesReachTheProcessWrittenTheWayThisBuildTakesThem() throws Exception {
        LocalEngines engines = new LocalEngines(supervisor, LlamaServerLocator.at(cudaLookingServer()),
                () -> new RuntimeLaunchPlan.Machine(RTX_4090, false));
        // head size 32, so llama.cpp accepts a q8_0 cache (the shared tiny model's head size is 4)
        GgufModelFactory.Spec spec = new GgufModelFactory.Spec("tiny-32", "llama", 2, 64, 128, 2, 2, 259, 512,
                "llama", null, false, false, 10000f);
        Path model = GgufModelFactory.writeRandom(spec, GgmlType.F16, home.resolve("tiny-32.gguf"), 5);
        engine = engines.engine(EngineKind.RUNTIME, model, 512, 1, new RuntimeLaunchPlan.Choices(OptionalInt.empty(),
                Optional.empty(), Optional.of(KvCacheType.Q8_0), true), progress -> { });
        engine.prepare(Cancellation.none());

        assertThat(argvOfProcess()).containsSubsequence("-ngl", "999", "-fa", "on", "-ctk", "q8_0", "-ctv", "q8_0")
                // this build has no --mlock: it spells it --load-mode
                .containsSubsequence("--load-mode", "mmap+mlock").doesNotContain("--mlock");
        assertThat(engine.engineArgsReason()).contains("RTX 4090").contains("--load-mode mmap+mlock");
        assertThat(answer()).isNotEmpty();
        String log = Files.readString(engine.process().orElseThrow().logFile().orElseThrow());
        assertThat(log).as("llama.cpp's own report of the cache it made").contains("K (q8_0)");
    }

    @Test
    void aCpuBuildOnAGpuMachineIsPlannedForTheCpu() throws Exception {
        LocalEngines engines = new LocalEngines(supervisor, LlamaServerLocator.at(SharedModels.llamaServer()),
                () -> new RuntimeLaunchPlan.Machine(RTX_4090, false));
        engine = engines.engine(EngineKind.RUNTIME, SharedModels.tinyLlama(), 512, 1, progress -> { });
        engine.prepare(Cancellation.none());
        assertThat(argvOfProcess()).containsSubsequence("-ngl", "0");
        assertThat(engine.engineArgsReason()).contains("lists no GPU device");
    }
}
