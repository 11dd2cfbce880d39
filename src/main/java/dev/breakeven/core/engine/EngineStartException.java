package dev.breakeven.core.engine;

/** An engine could not be started or never became ready; the message is meant for the user as it stands. */
public final class EngineStartException extends Exception {
    public EngineStartException(String message) {
        super(message);
    }

    public EngineStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
