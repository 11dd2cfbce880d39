package dev.breakeven.core.chat;

/** Why an answer ended. */
public enum StopReason {
    /** The model ended its answer itself. */
    FINISHED,
    /** The answer reached the max-tokens setting. */
    LENGTH,
    /** The user stopped it. */
    CANCELLED,
    /**
     * The stream ended or went silent without the server saying the answer was complete (no finish reason, no
     * {@code [DONE]}): the text is kept but marked, and its figures are not measurements.
     */
    CUT,
    /** The engine's process died while answering (killed, out of memory, native abort): the text so far is kept. */
    ENGINE_DIED;

    /** Whether an answer that ended this way gives honest speed figures (complete, or stopped by the user). */
    public boolean measurable() {
        return this != CUT && this != ENGINE_DIED;
    }
}
