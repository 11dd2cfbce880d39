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
import dev.breakeven.core.fit.RuntimeLaunchPlan;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.runtime.AllocationCheck;
import dev.breakeven.core.runtime.AllocationChecker;
import dev.breakeven.core.runtime.LlamaCppAllocations;
import dev.breakeven.testing.GgufModelFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The llama.cpp runtime as the app starts it (supervisor, the fit plan's flags for this machine): start to ready
 * (spawn → /health 200 → /v1/models) on the tiny model (5 starts) and on a sparse Llama-2-7B shape (one start:
 * loading it costs 20–60 s here), the app-measured decode rate over llama.cpp's own for both, and the planner's
 * weights, KV cache and compute buffer against llama.cpp's allocation report for the 7B, a Qwen2.5-0.5B shape (Q4_0)
 * and a Llama-3-8B shape.
 * Run: {@code ./mvnw -o -q test-compile exec:exec -Dbench=RuntimeFlagsBenchmark} (optional -Dbench.quant=Q2_K|Q4_0,
 * -Dbench.ctx=1024, -Dbench.tokens=32, -Dbench.skip7b=true).
 */
public final class RuntimeFlagsBenchmark {
    private static final double MIB = 1024.0 * 1024.0;

    public static void main(String[] args) throws Exception {
        String shared = System.getProperty("breakeven.shared", "../shared");
        Path tiny = Path.of(shared, "models/llama-2-tiny-random.gguf");
        Path server = Path.of(shared, "llama.cpp/llama-server");
        GgmlType quant = GgmlType.valueOf(System.getProperty("bench.quant", "Q2_K"));
        int ctx = Integer.getInteger("bench.ctx", 1024);
        int tokens = Integer.getInteger("bench.tokens", 32);
        Path home = Files.createTempDirectory("runtime-flags-bench");
        try (EngineSupervisor supervisor = new EngineSupervisor(home.resolve("run"), home.resolve("logs"))) {
            LocalEngines engines = new LocalEngines(supervisor, LlamaServerLocator.at(server));
            List<Double> readyMs = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<String> flags = List.of();
            for (int run = 0; run < 5; run++) {
                SupervisedEngine engine = engines.engine(EngineKind.RUNTIME, tiny, 1024, 2, m -> { });
                long started = System.nanoTime();
                engine.prepare(Cancellation.none());
                readyMs.add((System.nanoTime() - started) / 1e6);
                flags = engine.engineArgs();
                ratio(engine, 256, run).ifPresent(ratios::add);
                engine.close();
            }
            System.out.printf(Locale.ROOT, "tiny model (%s): start to ready median %.0f ms %s; decode app/server "
                            + "median %.3f %s%n", String.join(" ", flags), median(readyMs), rounded(readyMs, "%.0f"),
                    median(ratios), rounded(ratios, "%.3f"));
            if (Boolean.getBoolean("bench.skip7b")) {
                return;
            }
            Path big = GgufModelFactory.writeSparse(GgufModelFactory.llama2_7b(), quant,
                    home.resolve("llama-2-7b-shape-" + quant.name().toLowerCase(Locale.ROOT) + ".gguf"));
            RuntimeLaunchPlan plan = engines.runtimePlan(big, ctx, RuntimeLaunchPlan.Choices.NONE);
            SupervisedEngine engine = engines.engine(EngineKind.RUNTIME, big, ctx, 2, m -> { });
            long started = System.nanoTime();
            engine.prepare(Cancellation.none());
            double ready = (System.nanoTime() - started) / 1e6;
            String log = Files.readString(engine.process().orElseThrow().logFile().orElseThrow());
            List<Double> bigRatios = new ArrayList<>();
            List<Double> serverRates = new ArrayList<>();
            List<Double> pieces = new ArrayList<>();
            for (int run = 0; run < 3; run++) {
                MetricsSnapshot m = generate(engine, UNIFORM.withMaxTokens(tokens).withSeed(run));
                if (m.decodeTokPerSec() != null && m.engineDecodeTokPerSec() != null) {
                    bigRatios.add(m.decodeTokPerSec() / m.engineDecodeTokPerSec());
                    serverRates.add(m.engineDecodeTokPerSec());
                    pieces.add((double) m.genTokens());
                }
            }
            List<String> bigFlags = engine.engineArgs();
            engine.close();
            AllocationCheck check = AllocationCheck.of(big.getFileName().toString(), big.toString(), ctx,
                    plan.request().target().label(), bigFlags, java.time.Instant.now().toString(), plan.plan(),
                    LlamaCppAllocations.parse(log));
            System.out.printf(Locale.ROOT, "sparse Llama-2-7B shape %s, ctx %d (%s): start to ready %.0f ms; decode "
                            + "app/server median %.3f %s at %s tok/s (server), %d tokens asked, %s streamed%n", quant,
                    ctx, String.join(" ", bigFlags), ready, median(bigRatios), rounded(bigRatios, "%.3f"),
                    rounded(serverRates, "%.2f"), tokens, rounded(pieces, "%.0f"));
            for (AllocationCheck.Term t : check.terms()) {
                System.out.printf(Locale.ROOT, "  %-15s planned %9.2f MiB, llama.cpp %9.2f MiB, planner error %+.2f %%%n",
                        t.name(), t.plannedBytes() / MIB, t.reportedBytes() / MIB, t.errorPercent());
            }
            check.notes().forEach(n -> System.out.println("  note: " + n));
            // two more architectures, allocation only (no decode): Qwen2 (Q/K/V biases, tied output, a Q4_0 file the
            // CPU backend repacks) and Llama 3 (grouped-query attention, 128k vocabulary)
            AllocationChecker checker = new AllocationChecker(engines, home.resolve("data"));
            for (var shape : List.of(Map.entry(GgufModelFactory.qwen25_05b(), GgmlType.Q4_0),
                    Map.entry(GgufModelFactory.llama3_8b(), quant))) {
                Path other = GgufModelFactory.writeSparse(shape.getKey(), shape.getValue(), home.resolve(
                        shape.getKey().architecture() + "-" + shape.getKey().blocks() + "-" + shape.getValue() + ".gguf"));
                AllocationCheck c = checker.check(other, ctx, Cancellation.none(), m -> { });
                System.out.printf(Locale.ROOT, "%s %s, ctx %d (%s):%n", shape.getKey().name(), shape.getValue(), ctx,
                        String.join(" ", c.engineArgs()));
                for (AllocationCheck.Term t : c.terms()) {
                    System.out.printf(Locale.ROOT, "  %-15s planned %9.2f MiB, llama.cpp %9.2f MiB, planner error %+.2f %%%n",
                            t.name(), t.plannedBytes() / MIB, t.reportedBytes() / MIB, t.errorPercent());
                }
                c.notes().forEach(n -> System.out.println("  note: " + n));
            }
            System.out.printf(Locale.ROOT, "%d cores, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    /**
     * A sparse file's weights are zeros, so every logit is equal: llama.cpp's default top-k 40 then keeps the 40
     * lowest token ids (unknown, BOS, EOS and control bytes, which stream as empty pieces or stop the answer), and
     * the app would count fewer pieces than the server counts tokens. Without top-k and min-p the draw is uniform
     * over the vocabulary, as text-like as zeros allow.
     */
    private static final SamplingSettings UNIFORM = new SamplingSettings(0.8, 1.0, 0, 0.0, 1.0, 0, 32);

    private static java.util.Optional<Double> ratio(SupervisedEngine engine, int tokens, int seed) throws Exception {
        MetricsSnapshot m = generate(engine, SamplingSettings.defaults().withMaxTokens(tokens).withSeed(seed));
        return m.decodeTokPerSec() == null || m.engineDecodeTokPerSec() == null ? java.util.Optional.empty()
                : java.util.Optional.of(m.decodeTokPerSec() / m.engineDecodeTokPerSec());
    }

    private static MetricsSnapshot generate(SupervisedEngine engine, SamplingSettings sampling) throws Exception {
        return engine.generate(new ChatRequest("", List.of(ChatMessage.user("Tell me a story")), sampling, true),
                new GenerationMetrics(), p -> { }, Cancellation.none()).metrics();
    }

    private static List<String> rounded(List<Double> values, String format) {
        return values.stream().map(v -> String.format(Locale.ROOT, format, v)).toList();
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
