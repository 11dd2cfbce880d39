package dev.breakeven.bench;

import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.ChatRequest;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.LocalEngines;
import dev.breakeven.core.chat.MetricsSnapshot;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.chat.SupervisedEngine;
import dev.breakeven.core.engine.EngineKind;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.LlamaServerLocator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Engines as processes: time from start to ready (process spawned → /health 200) and, through the client, the
 * app-measured decode rate over the engine's own (goal ≥ 0.95 on the tiny model, ≥ 0.98 on a 7B shape), with the
 * per-token time the HTTP hop adds (the difference of the two per-token times).
 * Run: {@code ./mvnw -o -q test-compile exec:exec -Dbench=EngineProcessBenchmark} (optional -Dbench.model=PATH,
 * -Dbench.kind=runtime|builtin, -Dbreakeven.llama-server=PATH).
 */
public final class EngineProcessBenchmark {
    public static void main(String[] args) throws Exception {
        String shared = System.getProperty("breakeven.shared", "../shared");
        Path model = Path.of(System.getProperty("bench.model", shared + "/models/llama-2-tiny-random.gguf"));
        EngineKind kind = EngineKind.valueOf(System.getProperty("bench.kind", "runtime").toUpperCase(Locale.ROOT));
        Path home = Files.createTempDirectory("engine-bench");
        LlamaServerLocator runtimes = System.getProperty(LlamaServerLocator.PROPERTY) != null
                ? LlamaServerLocator.configured() : LlamaServerLocator.at(Path.of(shared, "llama.cpp/llama-server"));
        try (EngineSupervisor supervisor = new EngineSupervisor(home.resolve("run"), home.resolve("logs"))) {
            LocalEngines engines = new LocalEngines(supervisor, runtimes);
            List<Double> readyMs = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> hopMs = new ArrayList<>();
            for (int run = 0; run < 5; run++) {
                SupervisedEngine engine = engines.engine(kind, model, 1024, 2, m -> { });
                long started = System.nanoTime();
                engine.prepare(Cancellation.none());
                readyMs.add((System.nanoTime() - started) / 1e6);
                MetricsSnapshot m = engine.generate(new ChatRequest("", List.of(ChatMessage.user("Tell me a story")),
                                SamplingSettings.defaults().withMaxTokens(256).withSeed(run), true),
                        new GenerationMetrics(), p -> { }, Cancellation.none()).metrics();
                if (m.decodeTokPerSec() != null && m.engineDecodeTokPerSec() != null) {
                    ratios.add(m.decodeTokPerSec() / m.engineDecodeTokPerSec());
                    hopMs.add(1000 / m.decodeTokPerSec() - 1000 / m.engineDecodeTokPerSec());
                }
                engine.close();
            }
            System.out.printf(Locale.ROOT, "%s engine, %s: start to ready (prepare: spawn, listening, /health 200, "
                            + "/v1/models) median %.0f ms (runs: %s)%n", kind.wireName(), model.getFileName(),
                    median(readyMs), readyMs.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
            System.out.printf(Locale.ROOT, "decode measured through the client / engine-reported: median %.3f "
                            + "(goal >= 0.95 tiny, >= 0.98 7B); HTTP hop adds median %.3f ms a token; %d cores, load %.1f%n",
                    median(ratios), median(hopMs), Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.exit(0);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
