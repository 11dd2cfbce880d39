package dev.breakeven.ui.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A bare page for shell tests: a title and a line of text, no figures. */
public final class ComingPage implements Page {
    private final PageId id;
    private final VBox root;

    public ComingPage(PageId id, String purpose) {
        this.id = id;
        Label title = new Label(id.title());
        title.getStyleClass().add("page-title");
        Label text = new Label(purpose + " is coming in a later version.");
        text.getStyleClass().add("muted");
        text.setWrapText(true);
        root = new VBox(12, title, text);
        root.setAlignment(Pos.TOP_LEFT);
        root.getStyleClass().addAll("page", "coming-page");
    }

    @Override
    public PageId id() {
        return id;
    }

    @Override
    public Node root() {
        return root;
    }
}
