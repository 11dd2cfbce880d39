package dev.breakeven.core.chat.api;

/** Builds the engine that speaks the provider's protocol. */
public final class ApiEngines {
    private ApiEngines() {
    }

    public static ApiChatEngine open(ApiSettings settings) {
        return switch (settings.target().provider().protocol()) {
            case OPENAI -> new OpenAiCompatibleEngine(settings);
            case ANTHROPIC -> new AnthropicEngine(settings);
        };
    }
}
