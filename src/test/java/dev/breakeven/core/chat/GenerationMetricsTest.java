package dev.breakeven.core.chat;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GenerationMetricsTest {
    private final AtomicLong clock = new AtomicLong();
    private final GenerationMetrics metrics = new GenerationMetrics(clock::get);

    private void at(double millis) {
        clock.set((long) (millis * 1_000_000));
    }

    @Test
    void computesTtftPromptAndDecodeRatesFromTokenTimes() {
        at(0);
        metrics.started(100);
        at(250);
        metrics.token();               // first token after 250 ms: 100 prompt tokens / 0.25 s
        for (int i = 1; i < 11; i++) {
            at(250 + i * 50);          // then one token every 50 ms
            metrics.token();
        }
        MetricsSnapshot live = metrics.snapshot();
        assertThat(live.finished()).isFalse();
        assertThat(live.ttftMs()).isCloseTo(250, within(1e-6));
        assertThat(live.promptTokPerSec()).isCloseTo(400, within(1e-6));
        assertThat(live.genTokens()).isEqualTo(11);
        assertThat(live.decodeTokPerSec()).as("one token every 50 ms").isCloseTo(20, within(1e-6));
        at(900);
        metrics.finished();
        at(5000);
        assertThat(metrics.snapshot().elapsedMs()).as("frozen at finish").isCloseTo(900, within(1e-6));
        assertThat(metrics.snapshot().finished()).isTrue();
    }

    @Test
    void ratesStayUnknownUntilTheyCanBeComputedAndEngineFiguresArePreferred() {
        at(0);
        metrics.started(10);
        assertThat(metrics.snapshot().ttftMs()).isNull();
        at(10);
        metrics.token();
        assertThat(metrics.snapshot().decodeTokPerSec()).isNull();
        metrics.engineReported(new EngineTimings(10, 5, 2000, 1, 2, 500));
        assertThat(metrics.snapshot().bestDecodeTokPerSec()).isEqualTo(500);
        assertThat(metrics.snapshot().enginePromptTokPerSec()).isEqualTo(2000);
    }

    @Test
    void theTokenBufferHandsOverEverythingQueuedInOneDrain() throws InterruptedException {
        TokenBuffer buffer = new TokenBuffer();
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 10_000; i++) {
                buffer.accept("x");
            }
        });
        StringBuilder received = new StringBuilder();
        while (producer.isAlive()) {
            received.append(buffer.drain());
        }
        producer.join();
        received.append(buffer.drain());
        assertThat(received.length()).isEqualTo(10_000);
        assertThat(buffer.drain()).isEmpty();
        assertThat(buffer.appendedCount()).isEqualTo(10_000);
    }
}
