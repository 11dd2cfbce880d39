package dev.breakeven.core.chat;

/** A failure to load, reach or run an engine, with a message meant for the user as it stands. */
public final class ChatEngineException extends Exception {
    public ChatEngineException(String message) {
        super(message);
    }

    public ChatEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
