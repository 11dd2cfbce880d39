package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.AnswerPower;
import dev.breakeven.core.chat.LocalEngines;
import dev.breakeven.core.engine.EngineOverrides;
import dev.breakeven.core.chat.ModelPreflight;
import dev.breakeven.core.chat.SampledAnswerPower;
import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.chat.store.StoredMessage;
import dev.breakeven.core.io.AppDirs;
import dev.breakeven.core.library.LibraryRoots;
import dev.breakeven.core.library.ModelLibrary;
import dev.breakeven.ui.common.TaskExecutor;
import dev.breakeven.ui.shell.Page;
import dev.breakeven.ui.shell.PageId;
import javafx.animation.AnimationTimer;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/** Chat with a local model, with live tokens/sec, watts and the energy and cost of each answer. */
public final class ChatPage implements Page {
    private static final String STYLESHEET = "/dev/breakeven/ui/chat/chat.css";
    private final ChatViewModel model;
    private final BorderPane root = new BorderPane();
    private final VBox messageList = new VBox(8);
    private final ScrollPane messageScroll = new ScrollPane(messageList);
    private final EngineBar engineBar;
    private StreamingAnswerView streaming;
    private final AnimationTimer pump = new AnimationTimer() {
        @Override
        public void handle(long now) {
            model.pulse(now);
        }
    };

    /** The app's page: {@code conversations} is the app's one store, which the Costs and Ledger pages read too. */
    public ChatPage(AppDirs dirs, TaskExecutor tasks, LocalEngines engines, ConversationStore conversations) {
        this(dirs, tasks, () -> SampledAnswerPower.forThisMachine(OptionalDouble.empty(), "this machine"),
                () -> new ModelLibrary(LibraryRoots.forCurrentUser(Path.of("models"), dirs.data().resolve("models"))),
                ModelPreflight.forThisMachine(), engines, ApiAccess.forUser(dirs), conversations);
    }

    ChatPage(AppDirs dirs, TaskExecutor tasks, Supplier<AnswerPower> power, Supplier<ModelLibrary> library,
             ModelPreflight preflight, LocalEngines engines) {
        this(dirs, tasks, power, library, preflight, engines, ApiAccess.forUser(dirs));
    }

    ChatPage(AppDirs dirs, TaskExecutor tasks, Supplier<AnswerPower> power, Supplier<ModelLibrary> library,
             ModelPreflight preflight, LocalEngines engines, ApiAccess api) {
        this(dirs, tasks, power, library, preflight, engines, api, ConversationStore.under(dirs.data()));
    }

    private ChatPage(AppDirs dirs, TaskExecutor tasks, Supplier<AnswerPower> power, Supplier<ModelLibrary> library,
                     ModelPreflight preflight, LocalEngines engines, ApiAccess api, ConversationStore conversations) {
        EngineSlot slot = new EngineSlot(tasks, preflight, engines, new EngineOverrides(dirs.settings()), api);
        model = new ChatViewModel(slot, conversations, tasks, power);
        engineBar = new EngineBar(slot, tasks.background(), library);
        root.getStyleClass().addAll("page", "chat-page");
        root.getStylesheets().add(ChatPage.class.getResource(STYLESHEET).toExternalForm());
        Label title = new Label(PageId.CHAT.title());
        title.getStyleClass().add("page-title");
        root.setTop(title);
        root.setLeft(new ConversationsPane(model));
        root.setCenter(center());
        ScrollPane side = new ScrollPane(new VBox(8, new MetricsPanel(model.metrics), new SettingsPanel(model)));
        side.setFitToWidth(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.setPrefWidth(250);
        root.setRight(side);
        BorderPane.setMargin(root.getCenter(), new javafx.geometry.Insets(0, 8, 0, 8));
        model.messages.addListener((ListChangeListener<StoredMessage>) c -> showMessages());
        model.onStream(this::startStreaming, batch -> {
            if (streaming != null) {
                streaming.append(batch);
                messageScroll.setVvalue(1.0);
            }
        });
        model.routes.onRestore(engineBar::show);
        model.refreshConversations();
    }

    private Node center() {
        messageList.getStyleClass().add("chat-messages");
        messageList.setFillWidth(true);
        messageScroll.setFitToWidth(true);
        messageScroll.setId("chat-messages");
        VBox.setVgrow(messageScroll, Priority.ALWAYS);

        Label notice = new Label();
        notice.setId("chat-notice");
        notice.getStyleClass().add("notice");
        notice.setWrapText(true);
        notice.textProperty().bind(model.notice);
        notice.visibleProperty().bind(model.notice.isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        Label error = new Label();
        error.setId("chat-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(model.error);
        error.visibleProperty().bind(model.error.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        ProgressBar usage = new ProgressBar();
        usage.progressProperty().bind(model.contextUsage);
        usage.setPrefWidth(160);
        Label usageText = new Label();
        usageText.textProperty().bind(model.contextText.map(t -> t.isEmpty() ? "Context: –" : "Context: " + t));
        usageText.getStyleClass().add("muted");

        TextArea prompt = new TextArea();
        prompt.setId("chat-prompt");
        prompt.setPromptText("Ask something (Enter sends, Shift+Enter for a new line)");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(3);
        prompt.textProperty().bindBidirectional(model.prompt);
        prompt.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                if (e.isShiftDown()) {
                    prompt.insertText(prompt.getCaretPosition(), "\n");
                } else {
                    model.send();
                }
            }
        });
        HBox.setHgrow(prompt, Priority.ALWAYS);
        Button send = new Button("Send");
        send.setId("chat-send");
        send.setOnAction(e -> model.send());
        send.disableProperty().bind(model.generating.or(model.engines.engineProperty().isNull()));
        Button stop = new Button("Stop");
        stop.setId("chat-stop");
        stop.setOnAction(e -> model.stop());
        stop.disableProperty().bind(model.generating.not());
        Button regenerate = new Button("Regenerate");
        regenerate.setId("chat-regenerate");
        regenerate.setOnAction(e -> model.regenerate());
        regenerate.disableProperty().bind(model.generating.or(model.current.isNull())
                .or(model.engines.engineProperty().isNull()));
        VBox actions = new VBox(4, send, stop, regenerate);
        HBox input = new HBox(6, prompt, actions);
        return new VBox(8, engineBar, new RouteBar(model), messageScroll, notice, error, new HBox(6, usageText, usage),
                input);
    }

    private void showMessages() {
        messageList.getChildren().setAll(model.messages.stream().map(MessageView::new).toList());
        streaming = null;
        messageScroll.setVvalue(1.0);
    }

    private void startStreaming() {
        streaming = new StreamingAnswerView();
        messageList.getChildren().add(streaming);
        messageScroll.setVvalue(1.0);
    }

    /** For tests and the benchmark. */
    ChatViewModel viewModel() {
        return model;
    }

    EngineBar engineBar() {
        return engineBar;
    }

    @Override
    public PageId id() {
        return PageId.CHAT;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void onShow() {
        pump.start();
        engineBar.scan(); // a model downloaded or imported on the Models page since the last visit is listed
    }

    /** The model the picker shows, if any. */
    public java.util.Optional<java.nio.file.Path> pickedModel() {
        return engineBar.picked();
    }

    /** "Open in Chat" from the Models page: the file becomes the picked model, ready to load. */
    public void openModel(java.nio.file.Path file) {
        engineBar.choose(file);
    }

    @Override
    public void onHide() {
        pump.stop();
    }
}
