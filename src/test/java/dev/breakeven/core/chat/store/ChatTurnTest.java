package dev.breakeven.core.chat.store;

import dev.breakeven.core.chat.AnswerPower;
import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.EmbeddedLlamaEngine;
import dev.breakeven.core.chat.EmbeddedSettings;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.chat.StopReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ChatTurnTest {
    private static EmbeddedLlamaEngine engine;
    @TempDir
    Path data;

    @BeforeAll
    static void load() throws ChatEngineException {
        engine = new EmbeddedLlamaEngine(EmbeddedSettings.of(SharedModels.tinyLlama()).withContextSize(512).withThreads(2));
        engine.prepare(Cancellation.none());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static Conversation question(String text, int maxTokens) {
        return Conversation.start("", SamplingSettings.defaults().withMaxTokens(maxTokens).withSeed(1), 0)
                .append(StoredMessage.user(text, 0), 0);
    }

    @Test
    void savesBeforeGeneratingWhileStreamingAndAtTheEnd() throws Exception {
        ConversationStore store = ConversationStore.under(data);
        Conversation conversation = question("Hello", 40);
        AtomicReference<Conversation> onDiskAtFirstToken = new AtomicReference<>();
        List<String> partialsSeen = new ArrayList<>();
        ChatTurn turn = new ChatTurn(engine, store, AnswerPower.none(), System::currentTimeMillis, Duration.ZERO);
        ChatTurn.Outcome outcome = turn.answer(conversation, new GenerationMetrics(), piece -> {
            try {
                Conversation saved = store.load(conversation.id()).orElseThrow();
                onDiskAtFirstToken.compareAndSet(null, saved);
                partialsSeen.add(saved.messages().getLast().content());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, Cancellation.none(), fit -> { });

        Conversation first = onDiskAtFirstToken.get();
        assertThat(first.messages()).hasSize(2);
        assertThat(first.messages().getLast().partial()).isTrue();
        assertThat(partialsSeen).as("autosaved partial answers grow").isSortedAccordingTo((a, b) -> Integer.compare(a.length(), b.length()));
        assertThat(partialsSeen.getLast()).isNotEmpty();

        Conversation reloaded = store.load(conversation.id()).orElseThrow();
        assertThat(reloaded).isEqualTo(outcome.conversation());
        StoredMessage answer = reloaded.messages().getLast();
        assertThat(answer.role()).isEqualTo(Role.ASSISTANT);
        assertThat(answer.partial()).isFalse();
        assertThat(answer.content()).isEqualTo(outcome.result().text());
        assertThat(answer.metrics().genTokens()).isPositive();
        assertThat(answer.metrics().decodeTokPerSec()).isPositive();
        assertThat(answer.metrics().ttftMs()).isPositive();
        assertThat(answer.metrics().model()).isEqualTo("llama-2-tiny-random.gguf");
    }

    @Test
    void theAnswersEnergyAboveTheIdleDrawIsStoredWithIt() throws Exception {
        ConversationStore store = ConversationStore.under(data);
        // a meter that saw 100 J over the answer, 60 J of it above the idle draw taken before it
        AnswerPower power = new AnswerPower() {
            @Override
            public void begin() {
            }

            @Override
            public Figures end() {
                return new Figures(25.0, 100.0, "NVML", true, 60.0);
            }

            @Override
            public java.util.OptionalDouble liveWatts() {
                return java.util.OptionalDouble.empty();
            }

            @Override
            public java.util.OptionalDouble liveJoules() {
                return java.util.OptionalDouble.empty();
            }

            @Override
            public String label() {
                return "measured (NVML)";
            }
        };
        ChatTurn.Outcome outcome = new ChatTurn(engine, store, power).answer(question("Hello", 8),
                new GenerationMetrics(), piece -> { }, Cancellation.none(), fit -> { });
        StoredMessage answer = store.load(outcome.conversation().id()).orElseThrow().messages().getLast();
        assertThat(answer.metrics().joules()).isEqualTo(100.0);
        assertThat(answer.metrics().joulesAboveIdle()).isEqualTo(60.0);
    }

    @Test
    void aStoppedAnswerIsKeptWithItsReason() throws Exception {
        ConversationStore store = ConversationStore.under(data);
        Cancellation cancel = new Cancellation();
        int[] count = {0};
        ChatTurn.Outcome outcome = new ChatTurn(engine, store, AnswerPower.none()).answer(question("Go on", 300),
                new GenerationMetrics(), piece -> {
                    if (++count[0] == 4) {
                        cancel.cancel();
                    }
                }, cancel, fit -> { });
        assertThat(outcome.result().stopReason()).isEqualTo(StopReason.CANCELLED);
        StoredMessage answer = store.load(outcome.conversation().id()).orElseThrow().messages().getLast();
        assertThat(answer.metrics().stopReason()).isEqualTo("CANCELLED");
        assertThat(answer.metrics().genTokens()).isLessThan(300);
    }
}
