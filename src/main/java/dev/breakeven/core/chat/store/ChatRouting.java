package dev.breakeven.core.chat.store;

import dev.breakeven.core.chat.HybridChatEngine;

/**
 * A conversation's engine choice, saved with it so reopening it offers the same: local, an API model or the hybrid
 * of both; the per-conversation route override; and whether a failed API turn is answered locally. Holds the API
 * model's name, never its key or endpoint (those come from the environment or the key file).
 */
public record ChatRouting(Mode mode, String apiTarget, HybridChatEngine.RouteOverride override,
                          boolean fallbackToLocal) {
    public enum Mode { LOCAL, API, HYBRID }

    public ChatRouting {
        mode = mode == null ? Mode.LOCAL : mode;
        apiTarget = apiTarget == null || apiTarget.isBlank() ? null : apiTarget.strip();
        override = override == null ? HybridChatEngine.RouteOverride.AUTO : override;
    }

    public static ChatRouting local() {
        return new ChatRouting(Mode.LOCAL, null, HybridChatEngine.RouteOverride.AUTO, true);
    }
}
