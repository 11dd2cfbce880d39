package dev.breakeven.core.chat;

/**
 * Something that answers chat requests token by token. Blocking by design: callers run it on a background
 * thread and stop it through the {@link Cancellation}. {@link SupervisedEngine} is the local engine as a child
 * process (prepare = start the process, generate = stream over HTTP, close = stop it). Not sealed: the hosted-API
 * engines live in their own package, core.chat.api, and a sealed interface of the unnamed module permits only its own.
 */
public interface ChatEngine extends AutoCloseable {

    /** A short human label such as "embedded llama.cpp" or "external http://127.0.0.1:8080". */
    String label();

    /** The model the answers come from, as the engine names it. */
    String modelName();

    /** Loads the model or reaches the server. Blocking; safe to call again after success (no-op). */
    void prepare(Cancellation cancel) throws ChatEngineException;

    /** The context window in tokens, or 0 when the engine does not say. Valid after {@link #prepare}. */
    int contextSize();

    /** Tokens this text takes; exact for the embedded engine, an estimate where the engine cannot tokenize. */
    int countTokens(String text);

    /** Tokens the whole request takes once the chat template is applied (an estimate where the engine cannot say). */
    int countPromptTokens(ChatRequest request);

    /** Streams an answer to {@code sink}, recording timings in {@code metrics}; returns when done or cancelled. */
    GenerationResult generate(ChatRequest request, GenerationMetrics metrics, TokenSink sink, Cancellation cancel)
            throws ChatEngineException;

    @Override
    void close();
}
