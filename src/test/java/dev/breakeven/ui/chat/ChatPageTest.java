package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.AnswerPower;
import dev.breakeven.core.chat.ModelPreflight;
import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.io.AppDirs;
import dev.breakeven.ui.shell.Theme;
import dev.breakeven.core.library.LibraryRoots;
import dev.breakeven.core.library.ModelLibrary;
import dev.breakeven.testing.OnFx;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakeven.core.chat.LocalEngines;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.LlamaServerLocator;

@ExtendWith(ApplicationExtension.class)
class ChatPageTest {
    @TempDir
    static Path home;

    private ChatPage page;
    private Stage own;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private static final EngineSupervisor supervisor = new EngineSupervisor(home().resolve("run"), home().resolve("logs"));

    private static Path home() {
        try {
            return Files.createTempDirectory("chat-page-engines");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @org.junit.jupiter.api.BeforeAll
    static void needsTheSharedServer() {
        SharedModels.llamaServer(); // skip the class before the toolkit starts (an abort inside @Start is an error)
    }

    @Start
    void start(Stage stage) {
        AppDirs dirs = AppDirs.under(home);
        page = new ChatPage(dirs, dev.breakeven.ui.common.TaskExecutor.fx(background), AnswerPower::none,
                () -> new ModelLibrary(LibraryRoots.standard(home, home.resolve("models"), home.resolve("user"), Map.of())),
                new ModelPreflight(0), new LocalEngines(supervisor, LlamaServerLocator.at(SharedModels.llamaServer())));
        javafx.scene.Parent root = (javafx.scene.Parent) page.root();
        Theme.LIGHT.applyTo(root);
        // Its own window (the shared primary stage keeps its size for other test classes), as wide as the page
        // area of a 1024-wide main window.
        own = new Stage();
        own.setScene(new Scene(root, 844, 700));
        own.show();
        page.onShow();
    }

    @AfterEach
    void closeEngine() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            page.viewModel().close();
            own.close();
        }).get();
    }

    private void load(FxRobot robot, Path model) throws Exception {
        robot.interact(() -> page.engineBar().choose(model));
        WaitForAsyncUtils.waitForFxEvents();
        // fired rather than clicked: a click can land while the picker re-lays out after the background scan and
        // miss, and then nothing loads (seen once in CI as an engine that was never started)
        robot.interact(() -> robot.lookup("#chat-load").queryButton().fire());
        var engines = page.viewModel().engines;
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !engines.loadingProperty().get()
                && (engines.engineProperty().get() != null || !engines.errorProperty().get().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static TextInputControl prompt(FxRobot robot) throws Exception {
        return OnFx.node(robot, "#chat-prompt", TextInputControl.class);
    }

    /** Some of the answer is shown; called on the FX thread, which adds the answer's nodes as tokens arrive. */
    private static boolean streamed(FxRobot robot) {
        return robot.lookup("#streaming-answer").tryQuery().map(n -> ((StreamingAnswerView) n).length() > 0).orElse(false);
    }

    @Test
    void typesAPromptSeesTokensStreamWithTokPerSecAndStopsTheAnswer(FxRobot robot) throws Exception {
        load(robot, SharedModels.tinyLlama());
        assertThat(page.viewModel().engines.engineProperty().get()).as(page.viewModel().engines.errorProperty().get()).isNotNull();

        // A long answer, so there is time to stop it.
        robot.interact(() -> page.viewModel().sampling.set(SamplingSettings.defaults().withMaxTokens(3500).withSeed(11)));
        robot.clickOn(prompt(robot)).write("Tell me a story");
        robot.type(KeyCode.ENTER);
        // the FX thread adds the answer's nodes as tokens stream in: look at them there
        OnFx.waitUntil(30, () -> streamed(robot) && OnFx.text(robot, "#chat-rate").endsWith("tok/s"));
        assertThat(page.viewModel().generating.get()).as("still streaming when Stop is pressed").isTrue();
        // the answer wraps to the message list's width instead of running off its right edge
        var scroll = OnFx.node(robot, "#chat-messages", javafx.scene.control.ScrollPane.class);
        var streamingView = OnFx.node(robot, "#streaming-answer", StreamingAnswerView.class);
        assertThat(OnFx.read(streamingView::getWidth))
                .isLessThanOrEqualTo(OnFx.read(() -> scroll.getViewportBounds().getWidth()) + 0.5);
        // a local engine process serves it, and its log is one click away
        // … started with the fit plan's flags for this machine (the test's: CPU only), shown beside it
        assertThat(OnFx.text(robot, "#chat-engine-status")).contains("llama-server")
                .contains("-np 1 -ngl 0 -fa on");
        assertThat(OnFx.read(() -> robot.lookup("#chat-engine-log").queryButton().isDisabled())).isFalse();
        assertThat(EngineLogDialog.read(page.viewModel().engines.logFileProperty().get())).contains("listening on http://127.0.0.1:");
        robot.interact(() -> robot.lookup("#chat-stop").queryButton().fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !page.viewModel().generating.get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(OnFx.text(robot, "#chat-notice")).as(page.viewModel().messages.getLast().toString() + page.viewModel().error.get()).contains("Answer stopped.");
        var messages = page.viewModel().messages;
        assertThat(messages).hasSize(2);
        assertThat(messages.getFirst().content()).isEqualTo("Tell me a story");
        assertThat(messages.getLast().role()).isEqualTo(Role.ASSISTANT);
        assertThat(messages.getLast().content()).isNotEmpty();
        assertThat(messages.getLast().metrics().stopReason()).isEqualTo("CANCELLED");
        assertThat(OnFx.text(prompt(robot))).isEmpty();
        // persisted, and listed
        var saved = ConversationStore.under(home.resolve("data")).list().conversations();
        assertThat(saved).anySatisfy(c -> assertThat(c.messages().getLast().content()).isEqualTo(messages.getLast().content()));
    }

    @Test
    void aFileThatIsNotAModelIsRefusedAndThePageKeepsWorking(FxRobot robot) throws Exception {
        Path junk = Files.writeString(home.resolve("junk.gguf"), "plain text pretending to be a model file");
        load(robot, junk);
        assertThat(OnFx.text(robot, "#chat-engine-error")).contains("junk.gguf is not a usable GGUF model");
        assertThat(page.viewModel().engines.engineProperty().get()).isNull();
        assertThat(OnFx.read(() -> robot.lookup("#chat-send").queryButton().isDisabled())).isTrue();
    }

    @Test
    void withNoModelThePickerSaysHowToGetOneAndListsModelsWithTheirEngineWhenTheyAppear(FxRobot robot) throws Exception {
        OnFx.waitUntil(10, () -> robot.lookup("#chat-no-models").query().isVisible());
        assertThat(OnFx.text(robot, "#chat-no-models")).contains("No models yet", "Open file");
        Path folder = Files.createDirectories(home.resolve("user"));
        Files.copy(SharedModels.tinyLlama(), folder.resolve("tiny.gguf"));
        robot.interact(() -> page.engineBar().scan());
        OnFx.waitUntil(10, () -> !robot.lookup("#chat-no-models").query().isVisible());
        assertThat(page.engineBar().describe(folder.resolve("tiny.gguf"))).isEqualTo("tiny.gguf · runtime");
        Files.delete(folder.resolve("tiny.gguf"));
    }

    @Test
    void whenTheEngineIsKilledMidAnswerThePartialAnswerIsKeptAndMarkedAndTheNextTurnWorks(FxRobot robot) throws Exception {
        load(robot, SharedModels.tinyLlama());
        assertThat(page.viewModel().engines.engineProperty().get()).as(page.viewModel().engines.errorProperty().get()).isNotNull();
        var engine = (dev.breakeven.core.chat.SupervisedEngine) page.viewModel().engines.engineProperty().get();
        long pid = engine.process().orElseThrow().pid().orElseThrow();
        robot.interact(() -> page.viewModel().sampling.set(SamplingSettings.defaults().withMaxTokens(3000).withSeed(5)));
        robot.clickOn(prompt(robot)).write("Tell me a long story");
        robot.type(KeyCode.ENTER);
        OnFx.waitUntil(30, () -> streamed(robot));
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // kill -9
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !page.viewModel().generating.get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(OnFx.text(robot, "#chat-notice"))
                .contains("The engine stopped mid-answer", "killed", "the next message restarts the engine");
        var answer = page.viewModel().messages.getLast();
        assertThat(answer.content()).isNotEmpty();
        assertThat(answer.metrics().stopReason()).isEqualTo("ENGINE_DIED");
        assertThat(OnFx.text(robot, "#chat-answer-incomplete")).startsWith("⚠ Incomplete");

        robot.interact(() -> page.viewModel().sampling.set(SamplingSettings.defaults().withMaxTokens(6).withSeed(5)));
        robot.clickOn(prompt(robot)).write("Again");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !page.viewModel().generating.get()
                && page.viewModel().messages.size() == 4);
        assertThat(page.viewModel().messages.getLast().metrics().stopReason()).as(page.viewModel().error.get())
                .isEqualTo("LENGTH");
        assertThat(engine.process().orElseThrow().pid().orElseThrow()).as("a new engine process").isNotEqualTo(pid);
    }
}
