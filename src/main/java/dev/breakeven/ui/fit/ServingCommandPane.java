package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.ServingExport;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.Optional;

/**
 * "Copy command" in the plan detail: the {@code llama-server} (or {@code vllm serve}) command line for the selected
 * plan, to run the same thing on a headless box. The text comes from {@link FitViewModel#commands}, which is the
 * core export {@code fit --export} prints; this pane only shows and copies it.
 */
final class ServingCommandPane {
    private final FitViewModel model;
    private final VBox root = new VBox(6);
    private final TextField command = new TextField();
    private final Button copyLlama = new Button("Copy llama-server command");
    private final Button copyVllm = new Button("Copy vLLM command");
    private final Label copied = new Label();
    private final Label notes = new Label();
    private final PauseTransition fade = new PauseTransition(Duration.seconds(3));
    private FitViewModel.Commands shown;

    ServingCommandPane(FitViewModel model) {
        this.model = model;
        command.setId("fit-command");
        command.setEditable(false); // read-only but selectable, for copying a part by hand
        command.setPromptText("Select a cell to get its llama-server command");
        HBox.setHgrow(command, Priority.ALWAYS);
        copyLlama.setId("fit-copy-command");
        copyVllm.setId("fit-copy-vllm");
        copied.setId("fit-copied");
        copied.getStyleClass().add("muted");
        notes.setId("fit-command-notes");
        notes.setWrapText(true);
        notes.getStyleClass().add("muted");
        copyLlama.setOnAction(e -> copy(shown == null ? null : shown.llamaServer()));
        copyVllm.setOnAction(e -> copy(shown == null ? null : shown.vllm()));
        fade.setOnFinished(e -> copied.setText(""));
        show(Optional.empty());
        HBox buttons = new HBox(8, copyLlama, copyVllm, copied);
        buttons.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(command, buttons, notes);
    }

    Node root() {
        return root;
    }

    /** Works out the commands for a new selection in the background; an answer for an older one is dropped. */
    void update(FitViewModel.Matrix matrix, FitViewModel.Selection s) {
        show(Optional.empty());
        model.exportCommands(matrix, s, commands -> {
            if (matrix == model.matrixProperty().get() && s.equals(model.selectionProperty().get())) {
                show(commands);
            }
        });
    }

    private void show(Optional<FitViewModel.Commands> commands) {
        shown = commands.orElse(null);
        command.setText(commands.map(c -> c.llamaServer().command()).orElse(""));
        copyLlama.setDisable(shown == null);
        copyVllm.setDisable(shown == null || shown.vllm().command().isEmpty());
        notes.setText(commands.map(c -> (c.placeholder() ? "The model path is the file's name: put where you keep it "
                + "after -m. " : "") + String.join(". ", c.llamaServer().notes())).orElse("").strip());
    }

    /** On the FX thread (a button's action), as the system clipboard requires. */
    private void copy(ServingExport export) {
        if (export == null || export.command().isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(export.command());
        Clipboard.getSystemClipboard().setContent(content);
        copied.setText("Copied " + export.engine() + " command");
        fade.playFromStart();
    }
}
