package dev.breakeven.ui.chat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.breakeven.core.chat.AnswerPower;
import dev.breakeven.core.chat.LocalEngines;
import dev.breakeven.core.chat.ModelPreflight;
import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.StopReason;
import dev.breakeven.core.chat.api.ApiKeys;
import dev.breakeven.core.chat.store.Conversation;
import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.chat.store.StoredMessage;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.engine.EngineOverrides;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.LlamaServerLocator;
import dev.breakeven.core.io.AppDirs;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.ui.common.TaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Chat page's view model without the FX toolkit: {@link TaskExecutor#inline()} runs each answer on the test's
 * thread, against a loopback server that speaks llama-server's OpenAI-compatible stream (connected the way the
 * page's "Connect" does), and conversations saved in a real {@link ConversationStore}.
 */
class ChatViewModelTest {
    private static final String[] PIECES = {"The ", "answer ", "is ", "42."};

    @TempDir
    Path home;

    private final OpenAiServer server = new OpenAiServer();
    private ConversationStore store;
    private ChatViewModel model;

    @BeforeEach
    void connect() throws IOException {
        server.start();
        AppDirs dirs = AppDirs.under(home);
        store = ConversationStore.under(dirs.data());
        model = newModel();
        model.engines.connectExternal(server.baseUrl());
        assertThat(model.engines.errorProperty().get()).isEmpty();
        assertThat(model.engines.engineProperty().get()).isNotNull();
        assertThat(model.engines.statusProperty().get()).contains("tiny-model").contains("context 512");
    }

    private ChatViewModel newModel() throws IOException {
        AppDirs dirs = AppDirs.under(home);
        Path run = Files.createDirectories(home.resolve("run"));
        LocalEngines locals = new LocalEngines(new EngineSupervisor(run, home.resolve("logs")),
                LlamaServerLocator.at(home.resolve("no-llama-server")));
        ApiAccess api = new ApiAccess(new ApiKeys(Map.<String, String>of()::get, dirs.settings()),
                PriceCatalog::bundled, RoutingRules::defaults);
        EngineSlot slot = new EngineSlot(TaskExecutor.inline(), new ModelPreflight(0), locals,
                new EngineOverrides(dirs.settings()), api);
        return new ChatViewModel(slot, store, TaskExecutor.inline(), AnswerPower::none);
    }

    @AfterEach
    void stop() {
        model.close();
        server.close();
    }

    @Test
    void anAnswerStreamsToTheViewAndIsSavedWithItsMetrics() throws IOException {
        StringBuilder streamed = new StringBuilder();
        AtomicInteger starts = new AtomicInteger();
        model.onStream(starts::incrementAndGet, streamed::append);
        model.prompt.set("  What is the answer?  ");

        model.send();

        assertThat(model.generating.get()).isFalse();
        assertThat(model.prompt.get()).isEmpty();
        assertThat(model.error.get()).isEmpty();
        assertThat(starts.get()).isEqualTo(1);
        assertThat(streamed.toString()).isEqualTo("The answer is 42.");
        assertThat(model.messages).extracting(StoredMessage::role).containsExactly(Role.USER, Role.ASSISTANT);
        assertThat(model.messages.getFirst().content()).isEqualTo("What is the answer?");
        StoredMessage answer = model.messages.getLast();
        assertThat(answer.content()).isEqualTo("The answer is 42.");
        assertThat(answer.partial()).isFalse();
        assertThat(answer.metrics()).isNotNull();
        assertThat(answer.metrics().stopReason()).isEqualTo(StopReason.FINISHED.name());
        assertThat(answer.metrics().promptTokens()).isEqualTo(OpenAiServer.PROMPT_TOKENS);
        assertThat(answer.metrics().genTokens()).isEqualTo(PIECES.length);
        assertThat(answer.metrics().model()).isEqualTo("tiny-model");
        // the context bar counts what the answer used against the server's context
        assertThat(model.contextText.get()).isEqualTo((OpenAiServer.PROMPT_TOKENS + PIECES.length) + " / 512 tokens");
        assertThat(model.contextUsage.get()).isEqualTo((OpenAiServer.PROMPT_TOKENS + PIECES.length) / 512.0);
        // the server got the question, and the store holds the answered conversation
        assertThat(server.bodies()).last().asString().contains("What is the answer?");
        Conversation current = model.current.get();
        assertThat(store.load(current.id())).hasValueSatisfying(saved -> {
            assertThat(saved.messages()).isEqualTo(current.messages());
            assertThat(saved.messages().getLast().metrics().genTokens()).isEqualTo(PIECES.length);
        });
        assertThat(model.allConversations()).extracting(Conversation::id).containsExactly(current.id());
    }

    @Test
    void aFollowUpGoesToTheSameConversationWithItsHistory() {
        model.prompt.set("first");
        model.send();
        String id = model.current.get().id();
        model.prompt.set("second");
        model.send();

        assertThat(model.current.get().id()).isEqualTo(id);
        assertThat(model.messages).extracting(StoredMessage::content)
                .containsExactly("first", "The answer is 42.", "second", "The answer is 42.");
        assertThat(server.bodies()).last().asString().contains("first").contains("second");
        assertThat(model.allConversations()).hasSize(1);
    }

    @Test
    void stoppingMidAnswerKeepsTheTextSoFarMarkedCancelled() throws IOException, InterruptedException {
        server.slow = true;
        StringBuilder streamed = new StringBuilder();
        // The answer runs on this thread (inline executor); the user's "Stop" comes from another once text flows.
        model.onStream(() -> Thread.ofVirtual().start(() -> {
            try {
                if (server.fivePiecesSent.await(10, TimeUnit.SECONDS)) {
                    model.stop();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), streamed::append);
        model.prompt.set("Count slowly");

        model.send();

        assertThat(server.fivePiecesSent.await(0, TimeUnit.SECONDS)).isTrue();
        assertThat(model.generating.get()).isFalse();
        assertThat(model.error.get()).isEmpty();
        assertThat(model.notice.get()).contains("Answer stopped.");
        StoredMessage answer = model.messages.getLast();
        assertThat(answer.role()).isEqualTo(Role.ASSISTANT);
        assertThat(answer.metrics().stopReason()).isEqualTo(StopReason.CANCELLED.name());
        // stopped well before the slow stream's end, with what had arrived kept
        assertThat(answer.content()).startsWith("tick ").hasSizeLessThan(OpenAiServer.SLOW_PIECES * 5);
        assertThat(streamed.toString()).isEqualTo(answer.content());
        assertThat(store.load(model.current.get().id())).hasValueSatisfying(saved ->
                assertThat(saved.messages().getLast().metrics().stopReason()).isEqualTo(StopReason.CANCELLED.name()));
    }

    @Test
    void anEngineFailureShowsItsReasonAndKeepsTheTurn() throws IOException {
        server.failNext = true;
        model.prompt.set("Will this work?");

        model.send();

        assertThat(model.generating.get()).isFalse();
        assertThat(model.error.get()).contains("500").contains("the model crashed");
        // the question is kept (with the empty answer marked partial) in the view and on disk
        assertThat(model.messages).extracting(StoredMessage::role).containsExactly(Role.USER, Role.ASSISTANT);
        assertThat(model.messages.getFirst().content()).isEqualTo("Will this work?");
        assertThat(model.messages.getLast().partial()).isTrue();
        Conversation kept = model.current.get();
        assertThat(store.load(kept.id())).hasValueSatisfying(saved ->
                assertThat(saved.messages()).extracting(StoredMessage::content).first().isEqualTo("Will this work?"));
        assertThat(model.allConversations()).extracting(Conversation::id).containsExactly(kept.id());

        // the next message answers normally, in the same conversation
        model.prompt.set("And now?");
        model.send();
        assertThat(model.error.get()).isEmpty();
        assertThat(model.current.get().id()).isEqualTo(kept.id());
        assertThat(model.messages.getLast().content()).isEqualTo("The answer is 42.");
    }

    @Test
    void aNewConversationStartsEmptyAndASavedOneReopensWithItsMessages() throws IOException {
        model.prompt.set("Remember me");
        model.send();
        Conversation first = model.current.get();

        model.newConversation();
        assertThat(model.current.get()).isNull();
        assertThat(model.messages).isEmpty();
        assertThat(model.contextText.get()).isEmpty();
        model.prompt.set("Another topic");
        model.send();
        assertThat(model.current.get().id()).isNotEqualTo(first.id());

        // a fresh view model (the app started again) lists both from the store and reopens the first
        ChatViewModel reopened = newModel();
        try {
            reopened.refreshConversations();
            assertThat(reopened.allConversations()).extracting(Conversation::id)
                    .containsExactlyInAnyOrder(first.id(), model.current.get().id());
            Conversation saved = reopened.allConversations().stream()
                    .filter(c -> c.id().equals(first.id())).findFirst().orElseThrow();
            reopened.select(saved);
            assertThat(reopened.current.get().id()).isEqualTo(first.id());
            assertThat(reopened.messages).extracting(StoredMessage::content)
                    .containsExactly("Remember me", "The answer is 42.");
            assertThat(reopened.messages.getLast().metrics().genTokens()).isEqualTo(PIECES.length);
        } finally {
            reopened.close();
        }
    }

    @Test
    void sendingWhileAnAnswerIsGeneratingIsRefused() {
        // the view's "answer starts" hook runs while the answer is in progress: a second send then does nothing
        model.onStream(() -> {
            model.prompt.set("too soon");
            model.send();
        }, text -> { });
        model.prompt.set("first");

        model.send();

        assertThat(server.bodies()).hasSize(1);
        assertThat(model.prompt.get()).isEqualTo("too soon");
        assertThat(model.messages).extracting(StoredMessage::content).containsExactly("first", "The answer is 42.");
    }

    @Test
    void anEmptyOrBlankPromptIsIgnored() {
        model.prompt.set("   \n ");
        model.send();
        model.prompt.set(null);
        model.send();

        assertThat(server.bodies()).isEmpty();
        assertThat(model.messages).isEmpty();
        assertThat(model.current.get()).isNull();
        assertThat(store.list().conversations()).isEmpty();
    }

    @Test
    void regenerateReplacesTheLastAnswerInsteadOfAddingOne() {
        model.prompt.set("Again?");
        model.send();
        String id = model.current.get().id();

        model.regenerate();

        assertThat(server.bodies()).hasSize(2);
        assertThat(server.bodies().getLast()).contains("Again?").doesNotContain("The answer is 42.");
        assertThat(model.current.get().id()).isEqualTo(id);
        assertThat(model.messages).extracting(StoredMessage::content).containsExactly("Again?", "The answer is 42.");
    }

    @Test
    void renameDeleteAndUndoReachTheStore() throws IOException {
        model.prompt.set("Keep this");
        model.send();
        Conversation asked = model.current.get();

        model.rename(asked, "  My chat  ");
        assertThat(model.current.get().title()).isEqualTo("My chat");
        assertThat(store.load(asked.id())).hasValueSatisfying(saved -> assertThat(saved.title()).isEqualTo("My chat"));

        model.delete(model.current.get());
        assertThat(store.load(asked.id())).isEmpty();
        assertThat(model.allConversations()).isEmpty();
        assertThat(model.current.get()).isNull(); // deleting the open conversation starts a new one
        assertThat(model.messages).isEmpty();
        assertThat(model.notice.get()).isEqualTo("Deleted \"My chat\". Undo is available.");
        assertThat(model.canUndoDelete()).isTrue();

        model.undoDelete();
        assertThat(model.canUndoDelete()).isFalse();
        assertThat(model.notice.get()).isEqualTo("Restored \"My chat\".");
        assertThat(model.allConversations()).extracting(Conversation::id).containsExactly(asked.id());
        assertThat(store.load(asked.id())).hasValueSatisfying(saved ->
                assertThat(saved.messages()).extracting(StoredMessage::content).contains("Keep this"));
    }

    @Test
    void aFailedConnectKeepsTheEngineInUse() {
        var before = model.engines.engineProperty().get();
        try (OpenAiServer broken = new OpenAiServer()) {
            broken.start();
            broken.http.removeContext("/v1/models");
            model.engines.connectExternal(broken.baseUrl());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        assertThat(model.engines.loadingProperty().get()).isFalse();
        assertThat(model.engines.errorProperty().get()).contains("404").contains("OpenAI-compatible");
        assertThat(model.engines.engineProperty().get()).isSameAs(before);
        assertThat(model.engines.statusProperty().get()).contains("tiny-model");
        model.engines.connectExternal("not a url");
        assertThat(model.engines.errorProperty().get()).isNotEmpty();
        assertThat(model.engines.engineProperty().get()).isSameAs(before);
    }

    @Test
    void anAnswerCutByMaxTokensSaysSo() {
        server.finishReason = "length";
        model.prompt.set("Tell me everything");

        model.send();

        assertThat(model.notice.get()).isEqualTo("The answer reached the max-tokens limit.");
        assertThat(model.messages.getLast().metrics().stopReason()).isEqualTo(StopReason.LENGTH.name());
    }

    @Test
    void searchNarrowsTheListToConversationsThatMentionIt() {
        model.prompt.set("about llamas");
        model.send();
        model.newConversation();
        model.prompt.set("about alpacas");
        model.send();

        model.search.set("  LLAMAS ");
        assertThat(model.visibleConversations).hasSize(1);
        assertThat(model.visibleConversations.getFirst().messages().getFirst().content()).isEqualTo("about llamas");
        model.search.set("");
        assertThat(model.visibleConversations).hasSize(2);
    }

    @Test
    void withoutAnEngineTheUserIsToldToLoadOne() throws IOException {
        ChatViewModel unloaded = newModel();
        try {
            unloaded.prompt.set("Hello?");
            unloaded.send();
            assertThat(unloaded.error.get()).isEqualTo("Load a model or connect to a server first.");
            assertThat(unloaded.generating.get()).isFalse();
            assertThat(store.list().conversations()).isEmpty();
        } finally {
            unloaded.close();
        }
    }

    /**
     * llama-server's OpenAI-compatible endpoints, enough for {@code ExternalOpenAiEngine}: a model list with its
     * context, a stream of pieces with usage, a slow stream for "Stop", and an HTTP 500 on request.
     */
    private static final class OpenAiServer implements AutoCloseable {
        static final int PROMPT_TOKENS = 17;
        static final int SLOW_PIECES = 400;
        private final List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final CountDownLatch fivePiecesSent = new CountDownLatch(1);
        private HttpServer http;
        volatile boolean slow;
        volatile boolean failNext;
        volatile String finishReason = "stop";

        void start() throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.createContext("/v1/models", ex -> reply(ex, 200,
                    "{\"data\":[{\"id\":\"tiny-model\",\"meta\":{\"n_ctx\":512}}]}"));
            http.createContext("/v1/chat/completions", this::chat);
            http.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        List<String> bodies() {
            return List.copyOf(bodies);
        }

        private void chat(HttpExchange ex) throws IOException {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (failNext) {
                failNext = false;
                reply(ex, 500, "{\"error\":{\"message\":\"the model crashed\",\"type\":\"server_error\"}}");
                return;
            }
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                if (slow) {
                    for (int i = 0; i < SLOW_PIECES; i++) {
                        piece(out, "tick ");
                        if (i == 4) {
                            fivePiecesSent.countDown(); // the first ones have had 100 ms to arrive
                        }
                        Thread.sleep(25);
                    }
                } else {
                    for (String p : PIECES) {
                        piece(out, p);
                    }
                }
                send(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + finishReason + "\"}]}");
                send(out, "{\"choices\":[],\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS
                        + ",\"completion_tokens\":" + PIECES.length + "}}");
                send(out, "[DONE]");
            } catch (IOException | InterruptedException e) {
                // the client stopped reading ("Stop"): nothing more to send
            }
        }

        private static void piece(OutputStream out, String text) throws IOException {
            send(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}");
        }

        private static void send(OutputStream out, String data) throws IOException {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private static void reply(HttpExchange ex, int status, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
