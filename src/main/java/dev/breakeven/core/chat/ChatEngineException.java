package dev.breakeven.core.chat;

/**
 * A failure to load, reach or run an engine, with a message meant for the user as it stands.
 * {@code externalEngineMayWork} is set when an external server with a current llama.cpp would likely succeed
 * (e.g. an architecture newer than the embedded build), so the UI can offer it.
 */
public final class ChatEngineException extends Exception {
    private final boolean externalEngineMayWork;

    public ChatEngineException(String message) {
        this(message, false);
    }

    public ChatEngineException(String message, boolean externalEngineMayWork) {
        super(message);
        this.externalEngineMayWork = externalEngineMayWork;
    }

    public ChatEngineException(String message, Throwable cause) {
        super(message, cause);
        this.externalEngineMayWork = false;
    }

    public boolean externalEngineMayWork() {
        return externalEngineMayWork;
    }
}
