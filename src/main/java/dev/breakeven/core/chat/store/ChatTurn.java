package dev.breakeven.core.chat.store;

import dev.breakeven.core.chat.AnswerPower;
import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.ChatRequest;
import dev.breakeven.core.chat.ContextWindow;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.GenerationResult;
import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.StoredAnswerSink;
import dev.breakeven.core.chat.TokenSink;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Runs one answer of a conversation on the calling (background) thread, keeping the saved file current:
 * saved with the user's message and an empty partial answer before generation starts (a native crash loses
 * nothing), saved every few seconds while streaming, and saved with the final answer and its metrics.
 */
public final class ChatTurn {
    public static final Duration AUTOSAVE_EVERY = Duration.ofSeconds(3);

    private final ChatEngine engine;
    private final ConversationStore store;
    private final AnswerPower power;
    private final LongSupplier clockMillis;
    private final Duration autosaveEvery;

    public ChatTurn(ChatEngine engine, ConversationStore store, AnswerPower power) {
        this(engine, store, power, System::currentTimeMillis, AUTOSAVE_EVERY);
    }

    public ChatTurn(ChatEngine engine, ConversationStore store, AnswerPower power, LongSupplier clockMillis,
                    Duration autosaveEvery) {
        this.engine = engine;
        this.store = store;
        this.power = power;
        this.clockMillis = clockMillis;
        this.autosaveEvery = autosaveEvery;
    }

    /** The outcome: the conversation as saved, the answer, and how many old messages the context dropped. */
    public record Outcome(Conversation conversation, GenerationResult result, AnswerMetrics metrics, int droppedMessages) {
    }

    /** The history as the engine would see it now (for the context bar), without generating. */
    public ContextWindow.Fit plan(Conversation conversation) throws ChatEngineException {
        List<ChatMessage> history = conversation.messages().stream()
                .filter(m -> !m.partial()).map(StoredMessage::toChatMessage).toList();
        if (history.isEmpty()) {
            history = List.of(ChatMessage.user(""));
        }
        return ContextWindow.fit(conversation.systemPrompt(), history, engine.contextSize(),
                conversation.sampling().maxTokens(), engine::countTokens);
    }

    /**
     * Answers the conversation's last message, which must be the user's. {@code onFit} hears how the history was
     * fitted into the context before generation starts.
     */
    public Outcome answer(Conversation conversation, GenerationMetrics metrics, TokenSink sink, Cancellation cancel,
                          java.util.function.Consumer<ContextWindow.Fit> onFit) throws ChatEngineException, IOException {
        if (conversation.messages().isEmpty() || conversation.messages().getLast().role() != Role.USER) {
            throw new IllegalArgumentException("the conversation must end with the user's message");
        }
        ContextWindow.Fit fit = plan(conversation);
        onFit.accept(fit);
        Conversation pending = conversation.append(partialAnswer(""), clockMillis.getAsLong());
        store.save(pending); // before any native code runs
        StoredAnswerSink saving = new StoredAnswerSink(sink, clockMillis, autosaveEvery.toMillis(),
                text -> saveQuietly(pending.replaceLast(partialAnswer(text), clockMillis.getAsLong())));
        ChatRequest request = new ChatRequest(conversation.systemPrompt(), fit.kept(),
                conversation.sampling().withMaxTokens(Math.max(1, fit.answerRoom())));
        power.begin();
        GenerationResult result;
        try {
            result = engine.generate(request, metrics, saving, cancel);
        } catch (ChatEngineException | RuntimeException e) {
            power.end();
            // The turn is kept with what streamed and, for the API, where it went and why it failed.
            TurnRoute failed = e instanceof ChatEngineException
                    ? TurnRoute.of(engine, metrics.snapshot(), e.getMessage()) : null;
            store.save(pending.replaceLast(new StoredMessage(Role.ASSISTANT, saving.text(), clockMillis.getAsLong(),
                    true, null, failed), clockMillis.getAsLong()));
            throw e;
        }
        AnswerPower.Figures energy = power.end();
        TurnRoute route = TurnRoute.of(engine, result.metrics(), null);
        String answeredBy = route.viaApi() || !(engine instanceof dev.breakeven.core.chat.HybridChatEngine h)
                ? engine.label() : h.lastRouted().engine().label();
        AnswerMetrics answerMetrics = AnswerMetrics.of(answeredBy, route.viaApi() ? engine.modelName() : route.target(),
                result.metrics(), energy.averageWatts(), energy.joules(), energy.source(), energy.measured(),
                result.stopReason().name(), result.note()).withJoulesAboveIdle(energy.joulesAboveIdle());
        // An API answer's rate and the watts drawn meanwhile describe the provider, not this machine: only its route
        // (tokens, latency, cost) is saved, so the Costs and Ledger pages measure local answers only.
        Conversation done = pending.replaceLast(new StoredMessage(Role.ASSISTANT, result.text(),
                clockMillis.getAsLong(), false, route.viaApi() ? null : answerMetrics, route), clockMillis.getAsLong());
        store.save(done);
        return new Outcome(done, result, answerMetrics, fit.droppedMessages());
    }

    private StoredMessage partialAnswer(String text) {
        return new StoredMessage(Role.ASSISTANT, text, clockMillis.getAsLong(), true, null);
    }

    private void saveQuietly(Conversation conversation) {
        try {
            store.save(conversation);
        } catch (IOException e) {
            // the final save reports failures; an autosave miss only widens the crash window
        }
    }
}
