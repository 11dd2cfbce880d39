package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.store.StoredMessage;
import dev.breakeven.core.chat.store.TurnRoute;
import javafx.scene.Node;
import javafx.scene.control.Label;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Under an answer that an API or the hybrid router had a hand in: where it went and why, its tokens, latency, tok/s
 * and cost, and — when the API failed — the failure, marked on the turn that was kept or answered locally.
 */
final class TurnRouteView {
    private TurnRouteView() {
    }

    /** Whether the answer has a route worth showing: an API turn, a routed one, or a failure. */
    static boolean shows(StoredMessage message) {
        TurnRoute r = message.route();
        return r != null && (r.viaApi() || !r.reasons().isEmpty() || r.error() != null
                || TurnRoute.FALLBACK.equals(r.route()));
    }

    static Optional<List<Node>> of(StoredMessage message) {
        if (!shows(message)) {
            return Optional.empty();
        }
        TurnRoute r = message.route();
        List<Node> nodes = new ArrayList<>();
        Label route = new Label(r.headline());
        route.setId("chat-turn-route");
        route.setWrapText(true);
        route.getStyleClass().add("chat-route");
        nodes.add(route);
        if (r.error() != null) {
            Label failed = new Label(TurnRoute.FALLBACK.equals(r.route())
                    ? "⚠ The API failed, so the local engine answered: " + r.error()
                    : "⚠ " + r.error() + " The turn is kept; send again, or turn on \"Fall back to local\".");
            failed.setId("chat-turn-failed");
            failed.setWrapText(true);
            failed.getStyleClass().add("error-text");
            nodes.add(failed);
        }
        if (!message.partial()) {
            Label figures = new Label(r.figures());
            figures.setId("chat-turn-figures");
            figures.getStyleClass().add("muted");
            figures.setWrapText(true);
            nodes.add(figures);
        }
        return Optional.of(nodes);
    }
}
