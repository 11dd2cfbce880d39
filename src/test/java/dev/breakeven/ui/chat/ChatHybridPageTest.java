package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.AnswerPower;
import dev.breakeven.core.chat.HybridChatEngine;
import dev.breakeven.core.chat.LocalEngines;
import dev.breakeven.core.chat.ModelPreflight;
import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.chat.api.ApiKeys;
import dev.breakeven.core.chat.store.ChatRouting;
import dev.breakeven.core.chat.store.Conversation;
import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.chat.store.StoredMessage;
import dev.breakeven.core.chat.store.TurnRoute;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.LlamaServerLocator;
import dev.breakeven.core.io.AppDirs;
import dev.breakeven.core.library.LibraryRoots;
import dev.breakeven.core.library.ModelLibrary;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.testing.FakeProvider;
import dev.breakeven.testing.FakeProvider.Mode;
import dev.breakeven.testing.OnFx;
import dev.breakeven.ui.shell.Theme;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Chat page with API models and "Hybrid (local + API)": loopback servers play the provider (found through
 * OPENAI_BASE_URL, as the SDKs do) and the local engine, misbehaving on purpose where a test says so; one test uses
 * the shared llama-server with the tiny model as the local side.
 */
@ExtendWith(ApplicationExtension.class)
class ChatHybridPageTest {
    static final String KEY = "sk-chat-hybrid-CANARY-2468";
    static final String TARGET = "openai/gpt-4o-mini";

    @TempDir
    Path home;

    private FakeProvider api;
    private FakeProvider localServer;
    private ChatPage page;
    private Stage own;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    /** This machine's meter, counting the answers it measured. */
    private final java.util.concurrent.atomic.AtomicInteger metered = new java.util.concurrent.atomic.AtomicInteger();
    private final AnswerPower meter = new AnswerPower() {
        private final AnswerPower none = AnswerPower.none();

        @Override
        public void begin() {
            metered.incrementAndGet();
        }

        @Override
        public Figures end() {
            return none.end();
        }

        @Override
        public java.util.OptionalDouble liveWatts() {
            return none.liveWatts();
        }

        @Override
        public java.util.OptionalDouble liveJoules() {
            return none.liveJoules();
        }

        @Override
        public String label() {
            return none.label();
        }
    };

    @Start
    void start(Stage stage) throws IOException {
        api = new FakeProvider();
        localServer = new FakeProvider();
        AppDirs dirs = AppDirs.under(home);
        ApiKeys keys = new ApiKeys(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", api.baseUrl())::get,
                dirs.settings());
        Path run = Files.createDirectories(home.resolve("run"));
        LocalEngines engines = new LocalEngines(new EngineSupervisor(run, home.resolve("logs")),
                LlamaServerLocator.at(SharedModels.shared().resolve("llama.cpp/llama-server")));
        page = new ChatPage(dirs, dev.breakeven.ui.common.TaskExecutor.fx(background), () -> meter,
                () -> new ModelLibrary(LibraryRoots.standard(home, home.resolve("models"), home.resolve("user"), Map.of())),
                new ModelPreflight(0), engines, new ApiAccess(keys, PriceCatalog::bundled, RoutingRules::defaults));
        javafx.scene.Parent root = (javafx.scene.Parent) page.root();
        Theme.LIGHT.applyTo(root);
        own = new Stage();
        own.setScene(new Scene(root, 1000, 800));
        own.show();
        page.onShow();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            page.viewModel().close();
            own.close();
        }).get();
        api.close();
        localServer.close();
    }

    private ChatViewModel model() {
        return page.viewModel();
    }

    private void load(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#chat-load").queryButton().fire());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !model().engines.loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model().engines.errorProperty().get()).isEmpty();
    }

    private void chooseApi(FxRobot robot, String modeId) {
        robot.interact(() -> {
            robot.lookup(modeId).queryAs(ToggleButton.class).setSelected(true);
            page.engineBar().apiPicker().choose(TARGET);
        });
    }

    private void useHybridWithServer(FxRobot robot, String url) throws Exception {
        chooseApi(robot, "#chat-mode-hybrid");
        robot.interact(() -> {
            robot.lookup("#chat-hybrid-server").queryAs(ToggleButton.class).setSelected(true);
            robot.lookup("#chat-engine-url").queryTextInputControl().setText(url);
        });
        load(robot);
        assertThat(model().engines.engineProperty().get()).isInstanceOf(HybridChatEngine.class);
    }

    /** Types the prompt, sends it with Enter and waits for the turn to end; returns the answer as shown. */
    private StoredMessage ask(FxRobot robot, String prompt) throws Exception {
        int before = model().messages.size();
        robot.clickOn(OnFx.node(robot, "#chat-prompt", TextInputControl.class)).write(prompt);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model().generating.get()
                && model().messages.size() == before + 2);
        WaitForAsyncUtils.waitForFxEvents();
        return model().messages.getLast();
    }

    /** Sends without typing (typing takes the robot seconds) and returns the answer and the milliseconds the turn took. */
    private record Timed(StoredMessage answer, double ms) {
    }

    private Timed timed(FxRobot robot, String prompt) throws Exception {
        int before = model().messages.size();
        long[] started = new long[1];
        robot.interact(() -> {
            model().prompt.set(prompt);
            started[0] = System.nanoTime();
            model().send();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model().generating.get()
                && model().messages.size() == before + 2);
        double ms = (System.nanoTime() - started[0]) / 1e6;
        WaitForAsyncUtils.waitForFxEvents();
        return new Timed(model().messages.getLast(), ms);
    }

    /** The last message's label of that id, read on the FX thread, which rebuilds the message list. */
    private String lastShown(FxRobot robot, String id) throws Exception {
        return OnFx.read(() -> {
            List<Label> labels = robot.lookup(id).queryAllAs(Label.class).stream().toList();
            return labels.isEmpty() ? "" : labels.getLast().getText();
        });
    }

    private Conversation saved() throws IOException {
        return ConversationStore.under(home.resolve("data")).load(model().current.get().id()).orElseThrow();
    }

    private void assertNoFileHoldsTheKey() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(KEY);
            }
        }
    }

    @Test
    void anApiModelAnswersWithItsTokensLatencyAndCostAndTheConversationKeepsThem(FxRobot robot) throws Exception {
        // the picker's items are replaced on the FX thread: copy them there
        OnFx.waitUntil(10, () -> !page.engineBar().apiPicker().offered().isEmpty());
        // only the provider with a key is offered, from the price catalog
        assertThat(OnFx.read(() -> page.engineBar().apiPicker().offered())).contains(TARGET).allMatch(t -> t.startsWith("openai/"));
        assertThat(OnFx.text(robot, "#chat-api-keys"))
                .contains("openai (environment variable OPENAI_API_KEY)").doesNotContain(KEY);
        chooseApi(robot, "#chat-mode-api");
        load(robot);
        assertThat(OnFx.text(robot, "#chat-engine-status")).contains(TARGET + " (API)");

        StoredMessage answer = ask(robot, "What is the capital of France?");
        assertThat(answer.content()).isEqualTo(FakeProvider.ANSWER);
        assertThat(lastShown(robot, "#chat-turn-route")).startsWith("API · " + TARGET);
        assertThat(lastShown(robot, "#chat-turn-figures")).contains("1200 in / 8 out tokens", "first token", "tok/s", "$");
        assertThat(OnFx.text(robot, "#chat-route-totals")).startsWith("API: 1 turn, 1,200 in / 8 out tokens, $");
        assertThat(api.seen().getFirst().header("Authorization")).isEqualTo("Bearer " + KEY);

        Conversation saved = saved();
        assertThat(saved.routing().mode()).isEqualTo(ChatRouting.Mode.API);
        assertThat(saved.routing().apiTarget()).isEqualTo(TARGET);
        TurnRoute route = saved.messages().getLast().route();
        assertThat(route.costUsd()).isPositive();
        assertThat(route.inputTokens()).isEqualTo(FakeProvider.INPUT_TOKENS);
        // the provider's rate is not this machine's: no local metrics, so Costs and Ledger leave the answer out,
        // and this machine's power meter is not run for it
        assertThat(saved.messages().getLast().metrics()).isNull();
        assertThat(metered.get()).isZero();
        assertNoFileHoldsTheKey();
    }

    @Test
    void hybridRoutesEachTurnShowsWhyTotalsPerRouteAndTheOverrideComesBackWithTheConversation(FxRobot robot)
            throws Exception {
        useHybridWithServer(robot, localServer.rootUrl());
        assertThat(OnFx.read(() -> robot.lookup("#chat-route-override").queryAs(ComboBox.class).isVisible())).isTrue();

        StoredMessage easy = ask(robot, "hello");
        assertThat(easy.route().route()).isEqualTo(TurnRoute.LOCAL);
        assertThat(metered.get()).as("a hybrid may answer here: its turns are metered").isEqualTo(1);
        assertThat(lastShown(robot, "#chat-turn-route")).startsWith("Local · ");
        assertThat(lastShown(robot, "#chat-turn-figures")).contains("no API cost");
        StoredMessage hard = ask(robot, "Prove that there are infinitely many primes");
        assertThat(hard.route().route()).isEqualTo(TurnRoute.API);
        assertThat(lastShown(robot, "#chat-turn-route")).startsWith("API · " + TARGET).contains("mentions \"prove\"");
        assertThat(api.seen()).hasSize(1);
        assertThat(api.seen().getLast().body()).as("the conversation so far goes with the turn").contains("hello");
        String totals = OnFx.text(robot, "#chat-route-totals");
        assertThat(totals).contains("Local: 1 turn,").contains("API: 1 turn, 1,200 in / 8 out tokens, $");

        robot.interact(() -> model().routes.override.set(HybridChatEngine.RouteOverride.ALWAYS_LOCAL));
        StoredMessage forced = ask(robot, "Prove it once more");
        assertThat(forced.route().route()).isEqualTo(TurnRoute.LOCAL);
        assertThat(forced.route().reasons()).anySatisfy(r -> assertThat(r).contains("always local"));
        assertThat(api.seen()).hasSize(1);
        String id = model().current.get().id();

        // a new conversation starts on auto; reopening the first brings back its override, route and totals
        robot.interact(() -> model().newConversation());
        assertThat(model().routes.override.get()).isEqualTo(HybridChatEngine.RouteOverride.AUTO);
        Conversation reopened = ConversationStore.under(home.resolve("data")).load(id).orElseThrow();
        robot.interact(() -> model().select(reopened));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model().routes.override.get()).isEqualTo(HybridChatEngine.RouteOverride.ALWAYS_LOCAL);
        assertThat(reopened.routing().mode()).isEqualTo(ChatRouting.Mode.HYBRID);
        assertThat(OnFx.text(robot, "#chat-route-totals"))
                .contains("Local: 2 turns,").contains("API: 1 turn,");
        assertThat(OnFx.read(() -> robot.lookup("#chat-turn-route").queryAllAs(Label.class).size())).isEqualTo(3);
        assertThat(model().notice.get()).as("the same engine is loaded: nothing to say").isEmpty();

        // with another engine loaded, reopening says which one answered and picks it, ready to load
        chooseApi(robot, "#chat-mode-api");
        load(robot);
        robot.interact(() -> model().newConversation());
        robot.interact(() -> model().select(reopened));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model().notice.get()).contains("answered by Hybrid (local + " + TARGET + ")", "press Load");
        assertThat(OnFx.read(() -> robot.lookup("#chat-mode-hybrid").queryAs(ToggleButton.class).isSelected())).isTrue();
        assertNoFileHoldsTheKey();
    }

    @Test
    void withoutAKeyTheApiModelSaysWhereToPutOneAndAKeySavedOnThePageIsOwnerOnlyAndNeverShown(FxRobot robot)
            throws Exception {
        OnFx.waitUntil(10, () -> robot.lookup("#chat-no-models").queryAs(Label.class).isVisible());
        robot.interact(() -> {
            robot.lookup("#chat-mode-api").queryAs(ToggleButton.class).setSelected(true);
            page.engineBar().apiPicker().choose("groq/llama-3.1-8b-instant");
        });
        assertThat(OnFx.read(() -> robot.lookup("#chat-no-models").queryAs(Label.class).isVisible()))
                .as("no model file is needed for an API model").isFalse();
        robot.interact(() -> robot.lookup("#chat-load").queryButton().fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model().engines.loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(OnFx.text(robot, "#chat-engine-error")).contains("GROQ_API_KEY", "chmod 600");
        assertThat(model().engines.engineProperty().get()).isNull();

        robot.interact(() -> page.engineBar().apiPicker().choose("groq"));
        robot.interact(() -> robot.lookup("#chat-load").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(OnFx.text(robot, "#chat-api-problem")).contains("PROVIDER/MODEL");

        String groqKey = "gsk-typed-CANARY-1357";
        robot.interact(() -> page.engineBar().apiPicker().choose("groq/llama-3.1-8b-instant"));
        robot.clickOn(OnFx.node(robot, "#chat-api-key", TextInputControl.class)).write(groqKey);
        robot.interact(() -> robot.lookup("#chat-api-save-key").queryButton().fire());
        OnFx.waitUntil(10, () -> robot.lookup("#chat-api-keys").queryAs(Label.class).getText().contains("groq"));
        assertThat(OnFx.text(OnFx.node(robot, "#chat-api-key", TextInputControl.class))).isEmpty();
        assertThat(OnFx.text(robot, "#chat-api-keys")).doesNotContain(groqKey);
        Path keyFile = home.resolve("settings").resolve(ApiKeys.FILE_NAME);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        OnFx.waitUntil(10, () -> page.engineBar().apiPicker().offered().contains("groq/llama-3.1-8b-instant"));
        load(robot);
        assertThat(model().engines.engineProperty().get()).isInstanceOf(dev.breakeven.core.chat.api.ApiChatEngine.class);
    }

    @Test
    void aFailingProviderLeavesItsMessageOnTheKeptTurnAndFallbackAnswersLocallyMarked(FxRobot robot) throws Exception {
        useHybridWithServer(robot, localServer.rootUrl());
        robot.interact(() -> {
            model().routes.override.set(HybridChatEngine.RouteOverride.ALWAYS_API);
            robot.lookup("#chat-fallback-local").queryAs(CheckBox.class).setSelected(false);
        });

        // 401 (the fake echoes the key, which must not reach the screen or any file)
        api.then(Mode.UNAUTHORIZED);
        StoredMessage refused = ask(robot, "Summarise the French revolution");
        assertThat(refused.partial()).isTrue();
        assertThat(model().error.get()).contains("HTTP 401").doesNotContain(KEY);
        assertThat(lastShown(robot, "#chat-turn-failed")).contains("HTTP 401", "The turn is kept").doesNotContain(KEY);
        assertThat(model().messages.stream().filter(m -> m.role() == Role.USER).map(StoredMessage::content))
                .contains("Summarise the French revolution");
        assertThat(saved().messages().getLast().route().error()).contains("HTTP 401");

        // a stream cut mid-answer keeps what arrived
        api.then(Mode.CUT);
        StoredMessage cut = ask(robot, "And the Russian one?");
        assertThat(cut.content()).isEqualTo("Paris is the ");
        assertThat(lastShown(robot, "#chat-turn-failed")).contains("ended before the answer was complete");

        // with "fall back to local" on, a 429 turn is answered locally and marked
        robot.interact(() -> robot.lookup("#chat-fallback-local").queryAs(CheckBox.class).setSelected(true));
        assertThat(saved().routing().fallbackToLocal()).as("saved as soon as it is changed").isTrue();
        api.then(Mode.RATE_LIMITED);
        Timed timed = timed(robot, "And the American one?");
        StoredMessage fellBack = timed.answer();
        double ms = timed.ms();
        assertThat(fellBack.partial()).isFalse();
        assertThat(fellBack.route().route()).isEqualTo(TurnRoute.FALLBACK);
        assertThat(fellBack.route().error()).contains("HTTP 429", "30 s");
        assertThat(fellBack.content()).endsWith(FakeProvider.ANSWER);
        assertThat(fellBack.metrics()).as("answered here: a local measurement").isNotNull();
        assertThat(lastShown(robot, "#chat-turn-route")).startsWith("Local (API failed)");
        assertThat(lastShown(robot, "#chat-turn-failed")).contains("the local engine answered", "HTTP 429");
        assertThat(model().notice.get()).contains("The API failed");
        assertThat(OnFx.text(robot, "#chat-route-totals")).contains("Local (API failed): 1 turn");
        System.out.printf("[figures] fallback to local after a 429, whole turn on the page: %.0f ms%n", ms);
        assertNoFileHoldsTheKey();
    }

    @Test
    void theSharedLlamaServerIsTheLocalSideAndKeepsRunningWhenTheApiIsAdded(FxRobot robot) throws Exception {
        SharedModels.llamaServer(); // skips without ../shared (fails under CI)
        robot.interact(() -> page.engineBar().choose(SharedModels.tinyLlama()));
        robot.interact(() -> model().sampling.set(dev.breakeven.core.chat.SamplingSettings.defaults().withMaxTokens(8).withSeed(3)));
        load(robot);
        var local = model().engines.engineProperty().get();
        long pid = ((dev.breakeven.core.chat.SupervisedEngine) local).process().orElseThrow().pid().orElseThrow();

        chooseApi(robot, "#chat-mode-hybrid");
        load(robot);
        HybridChatEngine hybrid = (HybridChatEngine) model().engines.engineProperty().get();
        assertThat(hybrid.local()).as("the running engine process is kept").isSameAs(local);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        Timed local0 = timed(robot, "hi");
        StoredMessage easy = local0.answer();
        double localMs = local0.ms();
        assertThat(easy.route().route()).isEqualTo(TurnRoute.LOCAL);
        assertThat(easy.route().target()).contains("llama-2-tiny-random");
        assertThat(easy.metrics().genTokens()).isPositive();
        api.then(Mode.SERVER_ERROR);
        Timed fallback = timed(robot, "Prove that sqrt(2) is irrational");
        StoredMessage hard = fallback.answer();
        double fallbackMs = fallback.ms();
        assertThat(hard.route().route()).isEqualTo(TurnRoute.FALLBACK);
        assertThat(hard.route().error()).contains("HTTP 500");
        Timed remote = timed(robot, "Prove that sqrt(3) is irrational");
        StoredMessage viaApi = remote.answer();
        double apiMs = remote.ms();
        assertThat(viaApi.route().route()).isEqualTo(TurnRoute.API);
        System.out.printf("[figures] tiny llama via llama-server, on the page: local turn %.0f ms (engine %.0f ms),"
                + " API 500 then local %.0f ms, API turn on the emulator %.0f ms (engine %.0f ms, first token %.0f ms)%n",
                localMs, easy.route().latencyMs(), fallbackMs, apiMs, viaApi.route().latencyMs(), viaApi.route().ttftMs());
    }
}
