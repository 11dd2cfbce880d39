package dev.breakeven.cli;

import picocli.CommandLine.Option;

/**
 * {@code chat}'s hosted-API options, kept apart from the local engine options: {@code --api PROVIDER/MODEL} answers
 * with a hosted API; with {@code --hybrid} as well, each prompt goes where the routing rules send it, between that API
 * and the local engine given by the usual engine options.
 */
final class ApiChatOptions {
    @Option(names = "--api", paramLabel = "PROVIDER/MODEL",
            description = "Answer with a hosted API, e.g. openai/gpt-5-mini, anthropic/claude-sonnet-4-5, "
                    + "openrouter/deepseek/deepseek-chat. Key from PROVIDER_API_KEY or the key file (docs/hybrid.md).")
    String target;

    @Option(names = "--api-base", paramLabel = "URL",
            description = "The API's base URL (default: the provider's *_BASE_URL variable, else its public endpoint).")
    String baseUrl;

    @Option(names = "--hybrid",
            description = "Route between the local engine (--gguf or --engine-url) and --api with the saved routing rules "
                    + "(the same as --engine hybrid).")
    boolean hybrid;

    @Option(names = "--fallback-local", description = "With --hybrid: when the API fails, answer locally and say so.")
    boolean fallbackLocal;

    @Option(names = "--route", paramLabel = "auto|local|api", defaultValue = "auto",
            description = "With --hybrid: follow the rules (auto), or send this conversation always local or always to the API.")
    String route;

    boolean active() {
        return target != null || hybrid;
    }
}
