package dev.breakeven.core.chat;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContextWindowTest {
    /** One token per character keeps the arithmetic visible. */
    private static int chars(String text) {
        return text.length();
    }

    private static final List<ChatMessage> HISTORY = List.of(
            ChatMessage.user("a".repeat(100)), ChatMessage.assistant("b".repeat(100)),
            ChatMessage.user("c".repeat(100)), ChatMessage.assistant("d".repeat(100)),
            ChatMessage.user("e".repeat(50)));

    @Test
    void keepsEverythingThatFits() throws ChatEngineException {
        ContextWindow.Fit fit = ContextWindow.fit("", HISTORY, 2000, 100, perChar());
        assertThat(fit.kept()).isEqualTo(HISTORY);
        assertThat(fit.droppedMessages()).isZero();
        assertThat(fit.promptTokens()).isEqualTo(450 + 5 * ContextWindow.TEMPLATE_TOKENS_PER_MESSAGE);
    }

    @Test
    void dropsTheOldestWholeTurnsFirst() throws ChatEngineException {
        ContextWindow.Fit fit = ContextWindow.fit("", HISTORY, 400, 100, perChar());
        assertThat(fit.droppedMessages()).isEqualTo(2);
        assertThat(fit.kept()).isEqualTo(HISTORY.subList(2, 5));
        assertThat(fit.kept().getFirst().role()).isEqualTo(Role.USER);
        assertThat(fit.promptTokens() + Math.min(100, 400 / 4)).isLessThanOrEqualTo(400);
    }

    @Test
    void aMessageTooLargeOnItsOwnIsAClearError() {
        assertThatThrownBy(() -> ContextWindow.fit("sys", List.of(ChatMessage.user("x".repeat(1000))), 512, 128,
                perChar())).isInstanceOf(ChatEngineException.class)
                .hasMessageContaining("context holds 512");
    }

    private static java.util.function.ToIntFunction<String> perChar() {
        return ContextWindowTest::chars;
    }
}
