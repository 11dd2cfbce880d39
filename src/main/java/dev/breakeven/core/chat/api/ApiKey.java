package dev.breakeven.core.chat.api;

import java.util.Objects;

/**
 * A provider key. Deliberately not a record and without getters: {@link #toString()} and any JSON or log writer that
 * stumbles on it see only a masked form, so a key cannot leak into a conversation, export or log by accident.
 */
public final class ApiKey {
    private final String secret;
    private final String origin;

    public ApiKey(String secret, String origin) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("an API key must not be empty");
        }
        this.secret = secret.strip();
        this.origin = Objects.requireNonNullElse(origin, "");
    }

    /** The key itself, for the one place that needs it: the request header. */
    String reveal() {
        return secret;
    }

    /** Where it came from ("environment variable OPENAI_API_KEY", "key file …"), safe to show. */
    public String origin() {
        return origin;
    }

    /** Replaces every occurrence of the key in a text (a provider's error body may echo it) with a mask. */
    public String redact(String text) {
        return text == null ? null : text.replace(secret, "***");
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }
}
