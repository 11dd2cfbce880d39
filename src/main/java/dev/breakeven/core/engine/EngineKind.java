package dev.breakeven.core.engine;

/** The three kinds of server a local model can run in; the app is the OpenAI-compatible client of each. */
public enum EngineKind {
    /** The app's own host ({@code breakeven serve}): java-llama.cpp in a child JVM started from the app's jar. */
    BUILTIN,
    /** A llama.cpp {@code llama-server} binary (current llama.cpp, GPU backends). */
    RUNTIME,
    /** A server the user runs (Ollama, LM Studio, their own llama-server): no process of ours. */
    EXTERNAL;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
