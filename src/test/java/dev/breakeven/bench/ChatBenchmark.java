package dev.breakeven.bench;

import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.ChatRequest;
import dev.breakeven.core.chat.EmbeddedLlamaEngine;
import dev.breakeven.core.chat.EmbeddedSettings;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.MetricsSnapshot;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.ui.chat.StreamReplayProbe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chat performance figures:
 * <ol>
 *   <li>binding overhead: the decode rate measured around the Java token stream over llama.cpp's own eval rate
 *       for the same run (target ≥ 0.98);</li>
 *   <li>the chat view fed a replayed stream of 20,000 tokens at 2,000 tok/s: the FX thread's longest stall
 *       (target ≤ 50 ms);</li>
 *   <li>process RSS with the model loaded beside the model file's size.</li>
 * </ol>
 * Run: {@code ./mvnw -o -q test-compile exec:exec -Dbench=ChatBenchmark} (optional -Dbench.model=PATH).
 */
public final class ChatBenchmark {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(System.getProperty("bench.model",
                System.getProperty("breakeven.shared", "../shared") + "/models/llama-2-tiny-random.gguf"));
        if (!Boolean.getBoolean("bench.viewOnly")) {
            bindingOverheadAndMemory(model);
        }
        StreamReplayProbe.Result stall = StreamReplayProbe.run(20_000, 2_000);
        System.out.printf(Locale.ROOT, "view: %d tokens replayed at %d tok/s in %.1f s; FX frame gaps p50 %.1f ms, "
                        + "p99 %.1f ms, longest stall %.1f ms (longest pulse handler %.1f ms, %d frames; system load "
                        + "average %.1f on %d cores); target <= 50 ms: %s%n",
                stall.tokens(), stall.rate(), stall.seconds(), stall.p50GapMs(), stall.p99GapMs(), stall.longestGapMs(),
                stall.longestHandlerMs(), stall.frames(), stall.loadAverage(), Runtime.getRuntime().availableProcessors(),
                stall.longestGapMs() <= 50 ? "MET" : "MISSED");
        System.out.printf(Locale.ROOT, "view: FX thread CPU per frame p99 %.1f ms, longest %.1f ms "
                + "(the stall the page itself causes, free of other processes' load); target <= 50 ms: %s%n",
                stall.p99BusyMs(), stall.longestBusyMs(), stall.longestBusyMs() <= 50 ? "MET" : "MISSED");
        System.exit(0);
    }

    private static void bindingOverheadAndMemory(Path model) throws Exception {
        long rssBefore = rssBytes();
        int threads = Integer.getInteger("bench.threads", 2);
        try (var engine = new EmbeddedLlamaEngine(EmbeddedSettings.of(model).withContextSize(1024).withThreads(threads))) {
            engine.prepare(Cancellation.none());
            long rssLoaded = rssBytes();
            List<Double> ratios = new ArrayList<>();
            for (int run = 0; run < 6; run++) {
                ChatRequest request = new ChatRequest("", List.of(ChatMessage.user("Write a long story about "
                        + "a lighthouse keeper and the sea, in many short paragraphs.")),
                        SamplingSettings.defaults().withMaxTokens(256).withSeed(run), true);
                MetricsSnapshot m = engine.generate(request, new GenerationMetrics(), p -> { }, Cancellation.none()).metrics();
                if (run == 0) {
                    continue; // warm-up
                }
                double ratio = m.decodeTokPerSec() / m.engineDecodeTokPerSec();
                ratios.add(ratio);
                System.out.printf(Locale.ROOT, "run %d: %d tokens, measured %.1f tok/s, llama.cpp %.1f tok/s, ratio %.4f%n",
                        run, m.genTokens(), m.decodeTokPerSec(), m.engineDecodeTokPerSec(), ratio);
            }
            ratios.sort(Double::compare);
            double median = ratios.get(ratios.size() / 2);
            System.out.printf(Locale.ROOT, "binding overhead: median decodeTokPerSec/engineDecodeTokPerSec = %.4f "
                    + "(min %.4f); target >= 0.98: %s%n", median, ratios.getFirst(), median >= 0.98 ? "MET" : "MISSED");
            long rssAfter = rssBytes();
            System.out.printf(Locale.ROOT, "memory: model file %.1f MiB; RSS before load %.1f MiB, loaded %.1f MiB, "
                            + "after generating %.1f MiB (JVM + natives + model)%n",
                    Files.size(model) / 1048576.0, rssBefore / 1048576.0, rssLoaded / 1048576.0, rssAfter / 1048576.0);
        }
    }

    private static long rssBytes() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }
}
