package dev.breakeven.ui.common;

import javafx.scene.control.Label;

/** Labels in the theme's text roles (see theme.css), so pages name a role instead of repeating style code. */
public final class Labels {
    private Labels() {
    }

    public static Label styled(String text, String... styleClasses) {
        Label label = new Label(text);
        label.getStyleClass().addAll(styleClasses);
        return label;
    }

    /** A heading inside a page. */
    public static Label section(String text) {
        return styled(text, "section-title");
    }

    /** Secondary text: hints, captions, units. */
    public static Label muted(String text) {
        return styled(text, "muted");
    }
}
