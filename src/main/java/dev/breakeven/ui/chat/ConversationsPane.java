package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.store.Conversation;
import dev.breakeven.core.chat.store.MarkdownExport;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** The saved conversations: search, new, rename, delete with undo, export to Markdown. */
final class ConversationsPane extends VBox {
    ConversationsPane(ChatViewModel model) {
        super(6);
        getStyleClass().add("chat-sidebar");
        Label title = new Label("Conversations");
        title.getStyleClass().add("section-title");
        TextField search = new TextField();
        search.setPromptText("Search all conversations");
        search.setId("chat-search");
        search.textProperty().bindBidirectional(model.search);

        ListView<Conversation> list = new ListView<>(model.visibleConversations);
        list.setId("chat-conversations");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Conversation item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.title());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.select(now));
        VBox.setVgrow(list, Priority.ALWAYS);

        Button create = new Button("New");
        create.setOnAction(e -> {
            list.getSelectionModel().clearSelection();
            model.newConversation();
        });
        Button rename = new Button("Rename");
        rename.setOnAction(e -> {
            Conversation selected = list.getSelectionModel().getSelectedItem();
            if (selected != null) {
                TextInputDialog dialog = new TextInputDialog(selected.title());
                dialog.setHeaderText("Rename conversation");
                dialog.showAndWait().filter(t -> !t.isBlank()).ifPresent(t -> model.rename(selected, t));
            }
        });
        Button delete = new Button("Delete");
        delete.setOnAction(e -> {
            Conversation selected = list.getSelectionModel().getSelectedItem();
            if (selected != null) {
                model.delete(selected);
            }
        });
        Button undo = new Button("Undo delete");
        undo.setOnAction(e -> model.undoDelete());
        undo.disableProperty().bind(model.notice.map(n -> !model.canUndoDelete()));
        Button export = new Button("Export…");
        export.setOnAction(e -> exportMarkdown(model));
        export.disableProperty().bind(model.current.isNull());
        disableProperty().bind(model.generating);
        FlowPane buttons = new FlowPane(4, 4, create, rename, delete, undo, export);
        getChildren().addAll(title, search, list, buttons);
    }

    private void exportMarkdown(ChatViewModel model) {
        Conversation conversation = model.current.get();
        if (conversation == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export conversation as Markdown");
        chooser.setInitialFileName(conversation.title().replaceAll("[^A-Za-z0-9 _-]", "").strip() + ".md");
        var file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            try {
                Files.writeString(file.toPath(), MarkdownExport.toMarkdown(conversation), StandardCharsets.UTF_8);
                model.notice.set("Exported to " + file);
            } catch (IOException ex) {
                model.error.set("Could not export: " + ex.getMessage());
            }
        }
    }
}
