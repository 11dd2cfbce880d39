package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.AnswerPower;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.TokenBuffer;
import dev.breakeven.ui.shell.Theme;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays a token stream into the chat page's streaming view and metrics panel the way the page does
 * (a producer thread fills a {@link TokenBuffer}; one drain per frame) and measures the FX thread's stalls as
 * the longest gap between consecutive frames.
 */
public final class StreamReplayProbe {
    private StreamReplayProbe() {
    }

    /**
     * Gaps are wall time between frames (what a user sees, inflated by other processes on a busy machine);
     * busy figures are the FX thread's own CPU time per frame (layout, CSS, our handler), which other
     * processes cannot inflate.
     */
    public record Result(int tokens, int rate, double seconds, double longestGapMs, double longestHandlerMs, long frames,
                         double p50GapMs, double p99GapMs, double loadAverage, double p99BusyMs, double longestBusyMs) {
    }

    public static Result run(int tokens, int tokensPerSecond) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
        TokenBuffer buffer = new TokenBuffer();
        GenerationMetrics metrics = new GenerationMetrics();
        LiveMetrics live = new LiveMetrics();
        StreamingAnswerView view = new StreamingAnswerView();
        long[] frames = {0};
        long[] lastFrame = {0};
        long[] longestGap = {0};
        long[] longestHandler = {0};
        long[] lastMetrics = {0};
        java.util.List<Long> gaps = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        boolean[] measuring = {false};
        java.util.List<Long> busy = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        long[] lastCpu = {0};
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        CountDownLatch shown = new CountDownLatch(1);
        AnimationTimer[] timer = new AnimationTimer[1];
        Platform.runLater(() -> {
            ScrollPane scroll = new ScrollPane(view);
            scroll.setFitToWidth(true);
            HBox.setHgrow(scroll, Priority.ALWAYS);
            HBox root = new HBox(8, scroll, new MetricsPanel(live));
            Theme.LIGHT.applyTo(root);
            root.getStylesheets().add(StreamReplayProbe.class.getResource("/dev/breakeven/ui/chat/chat.css").toExternalForm());
            Stage stage = new Stage();
            stage.setScene(new Scene(root, 1024, 700));
            stage.show();
            timer[0] = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long begin = System.nanoTime();
                    long cpu = threads.getCurrentThreadCpuTime();
                    if (lastCpu[0] != 0 && measuring[0]) {
                        busy.add(cpu - lastCpu[0]);
                    }
                    lastCpu[0] = cpu;
                    if (lastFrame[0] != 0 && measuring[0]) {
                        gaps.add(begin - lastFrame[0]);
                        longestGap[0] = Math.max(longestGap[0], begin - lastFrame[0]);
                        if (begin - lastFrame[0] > 50_000_000L && Boolean.getBoolean("bench.trace")) {
                            System.err.printf("gap %.1f ms at frame %d, %d chars%n", (begin - lastFrame[0]) / 1e6, frames[0], view.length());
                        }
                    }
                    String batch = buffer.drain();
                    if (!batch.isEmpty()) {
                        view.append(batch);
                        scroll.setVvalue(1.0);
                    }
                    if (begin - lastMetrics[0] >= 250_000_000L) {
                        lastMetrics[0] = begin;
                        live.update(metrics.snapshot(), AnswerPower.none());
                    }
                    long end = System.nanoTime();
                    if (measuring[0]) {
                        frames[0]++;
                        longestHandler[0] = Math.max(longestHandler[0], end - begin);
                    }
                    lastFrame[0] = end;
                }
            };
            timer[0].start();
            shown.countDown();
        });
        shown.await();
        // Warm-up: a first stream of a tenth of the length, unmeasured, so class loading, CSS and the JIT's
        // first compilations are not counted as stalls of the steady stream.
        metrics.started(32);
        replay(buffer, metrics, tokens / 10, tokensPerSecond);
        Thread.sleep(300);
        CountDownLatch reset = new CountDownLatch(1);
        Platform.runLater(() -> {
            measuring[0] = true;
            reset.countDown();
        });
        reset.await();
        double seconds = replay(buffer, metrics, tokens, tokensPerSecond);
        Thread.sleep(300);
        CountDownLatch stopped = new CountDownLatch(1);
        Platform.runLater(() -> {
            timer[0].stop();
            stopped.countDown();
        });
        stopped.await(5, TimeUnit.SECONDS);
        long[] sorted;
        synchronized (gaps) {
            sorted = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        long[] busySorted;
        synchronized (busy) {
            busySorted = busy.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new Result(tokens, tokensPerSecond, seconds, longestGap[0] / 1e6, longestHandler[0] / 1e6, frames[0],
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, load,
                busySorted[(int) (busySorted.length * 0.99)] / 1e6, busySorted[busySorted.length - 1] / 1e6);
    }

    private static double replay(TokenBuffer buffer, GenerationMetrics metrics, int tokens, int tokensPerSecond) {
        String[] words = {" the", " local", " model", " answers", " with", " tokens", " per", " second", ",", "\n"};
        long periodNanos = 1_000_000_000L / tokensPerSecond;
        long start = System.nanoTime();
        for (int i = 0; i < tokens; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            metrics.token();
            buffer.accept(words[i % words.length]);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
