package dev.breakeven.ui.shell;

import javafx.scene.Node;

/** A page is a small contract: an id, a root node, and hooks for when it is shown or hidden. */
public interface Page {
    PageId id();

    Node root();

    /** Called each time the page becomes visible; start timers and refreshes here. */
    default void onShow() {
    }

    /** Called when another page replaces this one; stop timers here. */
    default void onHide() {
    }
}
