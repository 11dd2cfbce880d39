package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.HybridChatEngine;
import dev.breakeven.core.chat.api.ApiChatEngine;
import dev.breakeven.core.chat.store.ChatRouting;
import dev.breakeven.core.chat.store.Conversation;
import dev.breakeven.core.chat.store.RouteTotals;
import dev.breakeven.core.chat.store.TurnRoute;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;
import java.util.Objects;

/**
 * The current conversation's routing, for the Chat page's API and hybrid engines: its override and "fall back to
 * local" (saved with it, restored when it is reopened), its totals per route, and the engine choice it was answered
 * with, for the picker to show. FX thread only.
 */
final class RouteSettings {
    /** Per conversation, for the hybrid engine: auto (the router), always local, always API. */
    final ObjectProperty<HybridChatEngine.RouteOverride> override =
            new SimpleObjectProperty<>(HybridChatEngine.RouteOverride.AUTO);
    /** Per conversation: a failed API turn is answered by the local engine and marked so. */
    final BooleanProperty fallbackToLocal = new SimpleBooleanProperty(true);
    /** One line per route: turns, tokens, cost and latency of the current conversation. */
    final StringProperty totals = new SimpleStringProperty("");
    private boolean restoring;
    /** Hears a reopened conversation's engine choice, for the engine picker to show (each time, even if unchanged). */
    private java.util.function.Consumer<ChatRouting> onRestore = r -> { };

    void onRestore(java.util.function.Consumer<ChatRouting> listener) {
        onRestore = listener;
    }

    /** Calls {@code changed} when the user changes a setting (not while a conversation's own are restored). */
    void onUserChange(Runnable changed) {
        override.addListener((obs, old, now) -> {
            if (!restoring) {
                changed.run();
            }
        });
        fallbackToLocal.addListener((obs, old, now) -> {
            if (!restoring) {
                changed.run();
            }
        });
    }

    /** The engine choice to save with a conversation: what answers now, and these settings. */
    ChatRouting routing(ChatEngine engine) {
        ChatRouting.Mode mode = engine instanceof HybridChatEngine ? ChatRouting.Mode.HYBRID
                : engine instanceof ApiChatEngine ? ChatRouting.Mode.API : ChatRouting.Mode.LOCAL;
        String target = engine instanceof HybridChatEngine h && h.api() instanceof ApiChatEngine a ? a.target().toString()
                : engine instanceof ApiChatEngine a ? a.target().toString() : null;
        return new ChatRouting(mode, target, override.get(), fallbackToLocal.get());
    }

    /** The engine is shared by every conversation: before each turn it gets this conversation's settings. */
    void applyTo(ChatEngine engine) {
        if (engine instanceof HybridChatEngine hybrid) {
            hybrid.setOverride(override.get());
            hybrid.setFallbackToLocal(fallbackToLocal.get());
        }
    }

    /** A new conversation starts on auto. */
    void reset() {
        restoring = true;
        try {
            override.set(HybridChatEngine.RouteOverride.AUTO);
        } finally {
            restoring = false;
        }
    }

    /**
     * Restores a reopened conversation's settings; returns a notice when it was answered by another engine than the
     * one loaded now (empty otherwise).
     */
    String restore(Conversation conversation, ChatEngine engine) {
        ChatRouting saved = conversation.routing();
        if (saved == null) { // saved before routing was recorded: answered locally, with the defaults
            restoring = true;
            try {
                override.set(HybridChatEngine.RouteOverride.AUTO);
                fallbackToLocal.set(true);
            } finally {
                restoring = false;
            }
            return "";
        }
        restoring = true;
        try {
            override.set(saved.override());
            fallbackToLocal.set(saved.fallbackToLocal());
        } finally {
            restoring = false;
        }
        onRestore.accept(saved);
        ChatRouting now = routing(engine);
        if (saved.mode() != now.mode()
                || saved.mode() != ChatRouting.Mode.LOCAL && !Objects.equals(saved.apiTarget(), now.apiTarget())) {
            return "This conversation was answered by " + describe(saved) + "; it is chosen in the engine picker"
                    + " above: press Load to use it again.";
        }
        return "";
    }

    /** Shows the conversation's totals per route, once it has more than plain local answers. */
    void showTotals(Conversation conversation) {
        List<RouteTotals> all = conversation == null ? List.of() : RouteTotals.of(conversation);
        totals.set(all.stream().allMatch(t -> TurnRoute.LOCAL.equals(t.route())) ? ""
                : String.join("\n", all.stream().map(RouteTotals::describe).toList()));
    }

    private static String describe(ChatRouting routing) {
        return switch (routing.mode()) {
            case LOCAL -> "a local engine";
            case API -> "the API model " + routing.apiTarget();
            case HYBRID -> "Hybrid (local + " + routing.apiTarget() + ")";
        };
    }
}
