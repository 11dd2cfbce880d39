package dev.breakeven.core.chat.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The hosted APIs the app can talk to, each with its providers' SDK conventions: the environment variable that holds
 * the key, the one that overrides the endpoint, and the public endpoint. OpenAI-style base URLs include {@code /v1}
 * (as {@code OPENAI_BASE_URL} does); Anthropic's does not (as {@code ANTHROPIC_BASE_URL} does not).
 */
public enum ApiProvider {
    OPENAI("openai", Protocol.OPENAI, "https://api.openai.com/v1", "OPENAI_API_KEY", "OPENAI_BASE_URL", "openai"),
    ANTHROPIC("anthropic", Protocol.ANTHROPIC, "https://api.anthropic.com", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL",
            "anthropic"),
    OPENROUTER("openrouter", Protocol.OPENAI, "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY",
            "OPENROUTER_BASE_URL", ""),
    GROQ("groq", Protocol.OPENAI, "https://api.groq.com/openai/v1", "GROQ_API_KEY", "GROQ_BASE_URL", "groq"),
    TOGETHER("together", Protocol.OPENAI, "https://api.together.xyz/v1", "TOGETHER_API_KEY", "TOGETHER_BASE_URL",
            "together"),
    FIREWORKS("fireworks", Protocol.OPENAI, "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY",
            "FIREWORKS_BASE_URL", "fireworks"),
    DEEPSEEK("deepseek", Protocol.OPENAI, "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY", "DEEPSEEK_BASE_URL",
            "deepseek");

    /** Which wire format the provider speaks. */
    public enum Protocol { OPENAI, ANTHROPIC }

    private final String id;
    private final Protocol protocol;
    private final String defaultBaseUrl;
    private final String keyVariable;
    private final String baseUrlVariable;
    private final String catalogPrefix;

    ApiProvider(String id, Protocol protocol, String defaultBaseUrl, String keyVariable, String baseUrlVariable,
                String catalogPrefix) {
        this.id = id;
        this.protocol = protocol;
        this.defaultBaseUrl = defaultBaseUrl;
        this.keyVariable = keyVariable;
        this.baseUrlVariable = baseUrlVariable;
        this.catalogPrefix = catalogPrefix;
    }

    public String id() {
        return id;
    }

    public Protocol protocol() {
        return protocol;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    public String keyVariable() {
        return keyVariable;
    }

    public String baseUrlVariable() {
        return baseUrlVariable;
    }

    /**
     * The id prefix of this provider's models in the price catalog; empty for a router such as OpenRouter whose model
     * names already carry the vendor ({@code anthropic/claude-sonnet-4.5}).
     */
    public String catalogPrefix() {
        return catalogPrefix;
    }

    public static ApiProvider parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(t)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown API provider '" + text + "'; known: " + known()));
    }

    public static String known() {
        return Arrays.stream(values()).map(ApiProvider::id).collect(Collectors.joining(", "));
    }
}
