package dev.breakeven.core.chat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedLlamaEngineTest {
    private static EmbeddedLlamaEngine engine;

    @BeforeAll
    static void load() throws ChatEngineException {
        engine = new EmbeddedLlamaEngine(EmbeddedSettings.of(SharedModels.tinyLlama()).withContextSize(512).withThreads(2));
        engine.prepare(Cancellation.none());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static ChatRequest ask(String text, int maxTokens) {
        return new ChatRequest("You are terse.", List.of(ChatMessage.user(text)),
                SamplingSettings.defaults().withMaxTokens(maxTokens).withSeed(7), true);
    }

    @Test
    void streamsAnAnswerWithPositiveMetricsAndLlamaCppsOwnRate() throws ChatEngineException {
        List<String> pieces = new ArrayList<>();
        GenerationMetrics metrics = new GenerationMetrics();
        GenerationResult result = engine.generate(ask("Hello there", 24), metrics, pieces::add, Cancellation.none());

        assertThat(pieces).isNotEmpty();
        assertThat(String.join("", pieces)).isEqualTo(result.text());
        assertThat(result.stopReason()).isEqualTo(StopReason.LENGTH);
        MetricsSnapshot m = result.metrics();
        assertThat(m.finished()).isTrue();
        assertThat(m.genTokens()).isEqualTo(24);
        assertThat(m.promptTokens()).isGreaterThan(5);
        assertThat(m.ttftMs()).isPositive();
        assertThat(m.promptTokPerSec()).isPositive();
        assertThat(m.decodeTokPerSec()).isPositive();
        if (NativeStderrCapture.supported()) {
            assertThat(m.engineDecodeTokPerSec()).as("llama.cpp's reported eval rate").isPositive();
        }
    }

    @Test
    void appliesTheModelsChatTemplateToEveryTurn() {
        ChatRequest request = new ChatRequest("Be brief.", List.of(ChatMessage.user("first question"),
                ChatMessage.assistant("first answer"), ChatMessage.user("second question")), null);
        String prompt = engine.applyTemplate(request);
        assertThat(prompt).contains("Be brief.", "first question", "first answer", "second question");
        assertThat(prompt.indexOf("first answer")).isLessThan(prompt.indexOf("second question"));
    }

    @Test
    void stopsMidAnswerWhenCancelled() throws ChatEngineException {
        Cancellation cancel = new Cancellation();
        List<String> pieces = new ArrayList<>();
        GenerationResult result = engine.generate(ask("Tell me a long story", 400), new GenerationMetrics(),
                piece -> {
                    pieces.add(piece);
                    if (pieces.size() == 5) {
                        cancel.cancel();
                    }
                }, cancel);
        assertThat(result.stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(result.metrics().genTokens()).isBetween(5, 10);
        // The engine stays usable after a stop.
        GenerationResult next = engine.generate(ask("Again", 8), new GenerationMetrics(), p -> { }, Cancellation.none());
        assertThat(next.metrics().genTokens()).isEqualTo(8);
    }

    @Test
    void countsTokensWithTheModelsTokenizer() {
        assertThat(engine.countTokens("Hello world")).isBetween(2, 3);
        assertThat(engine.countTokens("one two three four five six seven eight"))
                .isGreaterThan(engine.countTokens("one two"));
    }

    @Test
    void aMissingFileIsRefusedWithItsPath(@TempDir Path dir) {
        Path missing = dir.resolve("nothing.gguf");
        try (var e = new EmbeddedLlamaEngine(EmbeddedSettings.of(missing))) {
            assertThatThrownBy(() -> e.prepare(Cancellation.none()))
                    .isInstanceOf(ChatEngineException.class).hasMessageContaining("nothing.gguf");
        }
    }

    @Test
    void aFileLlamaCppCannotReadIsRefusedWithoutTakingTheJvmDown(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.gguf");
        Files.writeString(junk, "this is not a model at all");
        try (var e = new EmbeddedLlamaEngine(EmbeddedSettings.of(junk))) {
            assertThatThrownBy(() -> e.prepare(Cancellation.none()))
                    .isInstanceOf(ChatEngineException.class).hasMessageContaining("could not load junk.gguf");
        }
    }
}
