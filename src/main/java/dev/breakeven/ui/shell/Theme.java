package dev.breakeven.ui.shell;

import javafx.css.PseudoClass;
import javafx.scene.Parent;

/** Light and dark share one stylesheet; the dark pseudo-class swaps only the colour tokens. */
public enum Theme {
    LIGHT, DARK;

    private static final PseudoClass DARK_CLASS = PseudoClass.getPseudoClass("dark");
    public static final String STYLESHEET = "/dev/breakeven/ui/theme.css";

    public void applyTo(Parent root) {
        String sheet = Theme.class.getResource(STYLESHEET).toExternalForm();
        if (!root.getStylesheets().contains(sheet)) {
            root.getStylesheets().add(sheet);
        }
        root.pseudoClassStateChanged(DARK_CLASS, this == DARK);
    }

    public Theme toggled() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
