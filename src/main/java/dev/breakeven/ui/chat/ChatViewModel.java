package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.AnswerPower;
import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.store.ChatRouting;
import dev.breakeven.core.chat.store.TurnRoute;
import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.chat.StopReason;
import dev.breakeven.core.chat.TokenBuffer;
import dev.breakeven.core.chat.store.ChatTurn;
import dev.breakeven.core.chat.store.Conversation;
import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.chat.store.StoredMessage;
import dev.breakeven.ui.common.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The chat page's state: conversations, the current one, the answer being streamed and its live metrics; with an API
 * or hybrid engine, the conversation's route override, its "fall back to local" choice and its totals per route,
 * all saved with it.
 * All methods run on the UI thread; generation, loading and saving run through the {@link TaskExecutor} (the
 * streamed text is pulled in by {@link #pulse(long)} once per frame), so a test with {@link TaskExecutor#inline()}
 * drives it without the FX toolkit.
 */
final class ChatViewModel {
    private static final long METRICS_EVERY_NANOS = 250_000_000L;


    final EngineSlot engines;
    final LiveMetrics metrics = new LiveMetrics();
    final StringProperty prompt = new SimpleStringProperty("");
    final StringProperty systemPrompt = new SimpleStringProperty("");
    final ObjectProperty<SamplingSettings> sampling = new SimpleObjectProperty<>(SamplingSettings.defaults());
    final StringProperty search = new SimpleStringProperty("");
    final StringProperty notice = new SimpleStringProperty("");
    final StringProperty error = new SimpleStringProperty("");
    final BooleanProperty generating = new SimpleBooleanProperty();
    final DoubleProperty contextUsage = new SimpleDoubleProperty();
    final StringProperty contextText = new SimpleStringProperty("");
    final ObjectProperty<Conversation> current = new SimpleObjectProperty<>();
    final ObservableList<StoredMessage> messages = FXCollections.observableArrayList();
    final RouteSettings routes = new RouteSettings();
    private final ObservableList<Conversation> conversations = FXCollections.observableArrayList();
    final FilteredList<Conversation> visibleConversations = new FilteredList<>(conversations);

    private final ConversationStore store;
    private final TaskExecutor tasks;
    private final Supplier<AnswerPower> powerFactory;
    private volatile AnswerPower power; // created on the first answer's background thread: probing meters blocks
    private volatile AnswerPower turnPower; // the meter of the answer in progress (none for an API model)
    private TokenBuffer buffer;
    private GenerationMetrics generation;
    private Cancellation cancel;
    private long lastMetricsNanos;
    private Consumer<String> onStreamBatch = s -> { };
    private Runnable onStreamStart = () -> { };
    private Conversation lastDeleted;

    ChatViewModel(EngineSlot engines, ConversationStore store, TaskExecutor tasks,
                  Supplier<AnswerPower> powerFactory) {
        this.engines = engines;
        this.store = store;
        this.tasks = tasks;
        this.powerFactory = powerFactory;
        search.addListener((obs, old, now) -> visibleConversations.setPredicate(
                now == null || now.isBlank() ? null : c -> c.mentions(now.strip())));
        current.addListener((obs, old, now) -> routes.showTotals(now));
        routes.onUserChange(this::saveRouting);
    }

    /** A changed override or fallback is saved with the conversation at once, not only with its next turn. */
    private void saveRouting() {
        Conversation conversation = current.get();
        if (generating.get() || conversation == null || routing().equals(conversation.routing())) {
            return;
        }
        Conversation changed = conversation.withRouting(routing());
        current.set(changed);
        replaceInList(changed);
        runStoreAction(() -> store.save(changed));
    }

    private ChatRouting routing() {
        return routes.routing(engines.engineProperty().get());
    }

    /** The view's hooks for streamed text: a new answer starts, and a batch of text arrives. */
    void onStream(Runnable start, Consumer<String> batch) {
        onStreamStart = start;
        onStreamBatch = batch;
    }

    void refreshConversations() {
        tasks.run(store::list, listing -> {
            conversations.setAll(listing.conversations());
            if (!listing.notices().isEmpty()) {
                notice.set(String.join("\n", listing.notices()));
            }
        }, failure -> error.set("Could not list the conversations: " + failure.getMessage()));
    }

    void newConversation() {
        if (generating.get()) {
            return;
        }
        current.set(null);
        messages.clear();
        metrics.reset();
        routes.reset();
        contextUsage.set(0);
        contextText.set("");
    }

    void select(Conversation conversation) {
        if (generating.get() || conversation == null) {
            return;
        }
        current.set(conversation);
        messages.setAll(conversation.messages());
        systemPrompt.set(conversation.systemPrompt());
        sampling.set(conversation.sampling());
        String moved = routes.restore(conversation, engines.engineProperty().get());
        if (!moved.isEmpty()) {
            notice.set(moved);
        }
        StoredMessage last = conversation.messages().isEmpty() ? null : conversation.messages().getLast();
        if (last != null && last.metrics() != null) {
            metrics.showFinal(last.metrics());
        } else {
            metrics.reset();
        }
    }

    /** Sends the prompt box's text as the next user message. */
    void send() {
        String text = prompt.get() == null ? "" : prompt.get().strip();
        if (text.isEmpty() || generating.get()) {
            return;
        }
        long now = System.currentTimeMillis();
        Conversation base = current.get() != null ? current.get()
                : Conversation.start(systemPrompt.get(), sampling.get(), now);
        prompt.set("");
        startTurn(base.withSettings(systemPrompt.get(), sampling.get()).withRouting(routing())
                .append(StoredMessage.user(text, now), now));
    }

    /** Answers the last question again, replacing the last answer. */
    void regenerate() {
        Conversation conversation = current.get();
        if (generating.get() || conversation == null || conversation.messages().isEmpty()) {
            return;
        }
        List<StoredMessage> kept = new ArrayList<>(conversation.messages());
        if (kept.getLast().role() == Role.ASSISTANT) {
            kept.removeLast();
        }
        if (kept.isEmpty()) {
            return;
        }
        startTurn(conversation.withSettings(systemPrompt.get(), sampling.get()).withRouting(routing())
                .withMessages(kept, System.currentTimeMillis()));
    }

    void stop() {
        if (cancel != null) {
            cancel.cancel();
        }
    }

    private void startTurn(Conversation conversation) {
        ChatEngine engine = engines.engineProperty().get();
        if (engine == null) {
            error.set("Load a model or connect to a server first.");
            return;
        }
        routes.applyTo(engine);
        error.set("");
        notice.set("");
        current.set(conversation);
        messages.setAll(conversation.messages());
        buffer = new TokenBuffer();
        generation = new GenerationMetrics();
        cancel = new Cancellation();
        metrics.reset();
        generating.set(true);
        onStreamStart.run();
        TokenBuffer sink = buffer;
        GenerationMetrics timing = generation;
        Cancellation stop = cancel;
        int[] dropped = {0};
        tasks.run(() -> {
            // an API answer draws its power elsewhere: this machine's meter would only describe its idle
            AnswerPower meter = engine instanceof dev.breakeven.core.chat.api.ApiChatEngine ? AnswerPower.none()
                    : answerPower();
            turnPower = meter;
            ChatTurn turn = new ChatTurn(engine, store, meter);
            return turn.answer(conversation, timing, sink, stop, fit -> dropped[0] = fit.droppedMessages());
        }, outcome -> finish(outcome, null, conversation), failure -> finish(null, failure, conversation));
    }

    /** The power meter, probed once (nvidia-smi, RAPL… may take seconds): only ever called off the FX thread. */
    private synchronized AnswerPower answerPower() {
        if (power == null) {
            power = powerFactory.get();
        }
        return power;
    }

    private void finish(ChatTurn.Outcome outcome, Throwable failure, Conversation asked) {
        pulse(Long.MAX_VALUE); // hand over the last tokens
        generating.set(false);
        if (outcome != null) {
            Conversation done = outcome.conversation();
            current.set(done);
            messages.setAll(done.messages());
            TurnRoute route = done.messages().getLast().route();
            metrics.showFinal(route != null && route.viaApi() ? outcome.metrics().withoutPower() : outcome.metrics());
            replaceInList(done);
            int contextSize = engines.engineProperty().get() == null ? 0 : engines.engineProperty().get().contextSize();
            int used = outcome.metrics().promptTokens() + outcome.metrics().genTokens();
            contextUsage.set(contextSize <= 0 ? 0 : Math.min(1, used / (double) contextSize));
            contextText.set(contextSize <= 0 ? used + " tokens" : used + " / " + contextSize + " tokens");
            List<String> notes = new ArrayList<>();
            if (outcome.droppedMessages() > 0) {
                notes.add("The oldest " + outcome.droppedMessages() + " messages no longer fit the context and were left out of this answer.");
            }
            if (outcome.result().stopReason() == StopReason.CANCELLED) {
                notes.add("Answer stopped.");
            } else if (outcome.result().stopReason() == StopReason.LENGTH) {
                notes.add("The answer reached the max-tokens limit.");
            } else if (!outcome.result().stopReason().measurable()) {
                // kept and marked; its figures stay out of the measured figures the Costs page uses
                notes.add((outcome.result().stopReason() == StopReason.ENGINE_DIED ? "The engine stopped mid-answer: "
                        : "The answer was cut: ") + outcome.result().note().replaceFirst("^(the engine stopped|cut): ", "")
                        + ". The text so far is kept; the next message restarts the engine.");
            }
            if (route != null && TurnRoute.FALLBACK.equals(route.route())) {
                notes.add("The API failed (" + route.error() + "); the local engine answered instead.");
            }
            notice.set(String.join(" ", notes));
        } else {
            error.set(failure instanceof Exception e && e.getMessage() != null ? e.getMessage() : "Answer failed: " + failure);
            tasks.background().execute(() -> reloadAfterFailure(asked));
        }
    }

    private void reloadAfterFailure(Conversation asked) {
        try {
            store.load(asked.id()).ifPresent(saved -> tasks.onUi(() -> {
                current.set(saved);
                messages.setAll(saved.messages());
                replaceInList(saved);
            }));
        } catch (java.io.IOException ignored) {
            // the error is already shown; the list keeps what it had
        }
    }

    private void replaceInList(Conversation conversation) {
        conversations.removeIf(c -> c.id().equals(conversation.id()));
        conversations.addFirst(conversation);
    }

    /** Called once per frame: hands queued text to the view and refreshes metrics a few times a second. */
    void pulse(long nowNanos) {
        if (buffer == null) {
            return;
        }
        String batch = buffer.drain();
        if (!batch.isEmpty()) {
            onStreamBatch.accept(batch);
        }
        if (generating.get() && (nowNanos - lastMetricsNanos >= METRICS_EVERY_NANOS || nowNanos == Long.MAX_VALUE)) {
            lastMetricsNanos = nowNanos;
            AnswerPower meter = turnPower;
            if (meter != null) {
                metrics.update(generation.snapshot(), meter);
            }
        }
    }

    void rename(Conversation conversation, String title) {
        runStoreAction(() -> {
            Conversation renamed = store.rename(conversation, title);
            tasks.onUi(() -> {
                replaceInList(renamed);
                if (current.get() != null && current.get().id().equals(renamed.id())) {
                    current.set(renamed);
                }
            });
        });
    }

    void delete(Conversation conversation) {
        if (generating.get()) {
            return;
        }
        runStoreAction(() -> {
            store.delete(conversation);
            tasks.onUi(() -> {
                lastDeleted = conversation;
                conversations.removeIf(c -> c.id().equals(conversation.id()));
                if (current.get() != null && current.get().id().equals(conversation.id())) {
                    newConversation();
                }
                notice.set("Deleted \"" + conversation.title() + "\". Undo is available.");
            });
        });
    }

    boolean canUndoDelete() {
        return lastDeleted != null;
    }

    void undoDelete() {
        Conversation restored = lastDeleted;
        if (restored == null) {
            return;
        }
        lastDeleted = null;
        runStoreAction(() -> {
            store.restore(restored);
            tasks.onUi(() -> {
                replaceInList(restored);
                notice.set("Restored \"" + restored.title() + "\".");
            });
        });
    }

    private interface StoreAction {
        void run() throws java.io.IOException;
    }

    private void runStoreAction(StoreAction action) {
        tasks.background().execute(() -> {
            try {
                action.run();
            } catch (java.io.IOException e) {
                tasks.onUi(() -> error.set("Could not save: " + e.getMessage()));
            }
        });
    }

    ObservableList<Conversation> allConversations() {
        return conversations;
    }

    void close() {
        stop();
        engines.close();
    }
}
