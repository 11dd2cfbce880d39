package dev.breakeven.core.chat.api;

import java.util.Objects;

/**
 * A provider and one of its models, written {@code PROVIDER/MODEL} ({@code openai/gpt-5},
 * {@code openrouter/anthropic/claude-sonnet-4.5}: everything after the first slash is the model).
 */
public record ApiTarget(ApiProvider provider, String model) {
    public ApiTarget {
        Objects.requireNonNull(provider, "provider");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a model name is needed after " + provider.id() + "/");
        }
        model = model.strip();
    }

    public static ApiTarget parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new IllegalArgumentException("expected PROVIDER/MODEL such as openai/gpt-5 or "
                    + "anthropic/claude-sonnet-4-5, got '" + t + "' (providers: " + ApiProvider.known() + ")");
        }
        return new ApiTarget(ApiProvider.parse(t.substring(0, slash)), t.substring(slash + 1));
    }

    @Override
    public String toString() {
        return provider.id() + "/" + model;
    }
}
