package dev.breakeven.core.cost;

/** A scenario file that cannot be used, with a message a person can act on. */
public final class ScenarioException extends Exception {
    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
