package dev.breakeven.core.chat;

/** Why an answer ended. */
public enum StopReason {
    /** The model ended its answer itself. */
    FINISHED,
    /** The answer reached the max-tokens setting. */
    LENGTH,
    /** The user stopped it. */
    CANCELLED
}
