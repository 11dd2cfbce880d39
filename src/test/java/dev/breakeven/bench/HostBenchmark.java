package dev.breakeven.bench;

import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.ChatRequest;
import dev.breakeven.core.chat.ExternalOpenAiEngine;
import dev.breakeven.core.chat.ExternalSettings;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.MetricsSnapshot;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.host.ServeProcess;
import dev.breakeven.testing.GgufModelFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The built-in engine host ({@code breakeven serve}) seen from the app's client:
 * <ol>
 *   <li>start to ready: from starting the child JVM to its {@code listening on} line (model loaded, port bound);</li>
 *   <li>app-measured ÷ host-reported decode tok/s through {@link ExternalOpenAiEngine} (goal ≥ 0.95 on the tiny
 *       model, ≥ 0.98 on a 7B shape);</li>
 *   <li>the per-token latency the HTTP hop adds: the client's ms per token minus llama.cpp's own.</li>
 * </ol>
 * Run: {@code ./mvnw -o -q test-compile exec:exec -Dbench=HostBenchmark} (optional -Dbench.model=PATH,
 * -Dbench.threads=N, -Dbench.sevenB=true to add a sparse Llama-2-7B shape, which takes minutes here).
 */
public final class HostBenchmark {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(System.getProperty("bench.model",
                System.getProperty("breakeven.shared", "../shared") + "/models/llama-2-tiny-random.gguf"));
        Path home = Files.createTempDirectory("host-bench");
        if (!Boolean.getBoolean("bench.sevenBOnly")) {
            measure("tiny", model, home, 256, 6, 3);
        }
        if (Boolean.getBoolean("bench.sevenB") || Boolean.getBoolean("bench.sevenBOnly")) {
            Path sevenB = GgufModelFactory.writeSparse(GgufModelFactory.llama2_7b(), GgmlType.Q4_0,
                    home.resolve("llama2-7b-shape.gguf"));
            measure("7B shape", sevenB, home, 16, 2, 1);
        }
        System.exit(0);
    }

    private static void measure(String label, Path model, Path home, int tokens, int runs, int starts)
            throws Exception {
        String threads = String.valueOf(Integer.getInteger("bench.threads", 2));
        List<Double> ready = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int start = 0; start < starts; start++) {
            try (ServeProcess server = ServeProcess.start(home.resolve(label.replace(' ', '-') + start),
                    java.time.Duration.ofMinutes(10), "--gguf",
                    model.toString(), "--ctx", "1024", "--threads", threads)) {
                ready.add(server.readyMillis());
                cpu.add(server.readyCpuMillis());
                if (start == starts - 1) {
                    decode(label, server, tokens, runs);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: start to ready %s ms wall, %s ms CPU (JVM start, preflight, model load, "
                        + "warm-up token, port bound); load average %.1f on %d cores%n",
                label, join(ready), join(cpu),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    private static void decode(String label, ServeProcess server, int tokens, int runs) throws Exception {
        List<Double> ratios = new ArrayList<>();
        List<Double> hops = new ArrayList<>();
        try (var engine = new ExternalOpenAiEngine(ExternalSettings.of(server.url()))) {
            engine.prepare(Cancellation.none());
            for (int run = 0; run <= runs; run++) {
                ChatRequest request = new ChatRequest("", List.of(ChatMessage.user("Write a long story about "
                        + "a lighthouse keeper and the sea, in many short paragraphs.")),
                        sampling(label, tokens, run), true);
                MetricsSnapshot m = engine.generate(request, new GenerationMetrics(), p -> { }, Cancellation.none())
                        .metrics();
                if (run == 0) {
                    continue; // warm-up
                }
                double ratio = m.decodeTokPerSec() / m.engineDecodeTokPerSec();
                double hopMs = 1000 / m.decodeTokPerSec() - 1000 / m.engineDecodeTokPerSec();
                ratios.add(ratio);
                hops.add(hopMs);
                System.out.printf(Locale.ROOT, "%s run %d: %d tokens, app-measured %.1f tok/s, host-reported %.1f "
                                + "tok/s, ratio %.4f, HTTP hop %+.3f ms/token, TTFT %.1f ms%n", label, run,
                        m.genTokens(), m.decodeTokPerSec(), m.engineDecodeTokPerSec(), ratio, hopMs, m.ttftMs());
            }
        }
        ratios.sort(Double::compare);
        hops.sort(Double::compare);
        System.out.printf(Locale.ROOT, "%s: median app-measured/host-reported decode = %.4f (min %.4f); "
                        + "median HTTP hop %.3f ms/token (max %.3f)%n", label, ratios.get(ratios.size() / 2),
                ratios.getFirst(), hops.get(hops.size() / 2), hops.getLast());
    }

    /**
     * The sparse 7B shape has all-zero weights, so every token is equally likely; sampled at random, many are
     * byte tokens with no text of their own, which no client can count (the stream carries text), and the
     * measured rate drops for a reason that is not the HTTP hop. Greedy decoding (temperature 0) picks the same
     * visible token each time at the same cost per token.
     */
    private static SamplingSettings sampling(String label, int tokens, int run) {
        SamplingSettings defaults = SamplingSettings.defaults().withMaxTokens(tokens).withSeed(run);
        return label.startsWith("7B") ? new SamplingSettings(0, defaults.topP(), defaults.topK(), defaults.minP(),
                defaults.repeatPenalty(), run, tokens) : defaults;
    }

    private static String join(List<Double> values) {
        return String.join(" / ", values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }
}
