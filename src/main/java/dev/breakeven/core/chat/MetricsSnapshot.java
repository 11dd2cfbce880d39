package dev.breakeven.core.chat;

/**
 * The metrics of one answer at one moment. Rates are tokens per second and null until they can be computed;
 * {@code engine*} figures are what the engine itself reported (null when it reports nothing).
 *
 * <p>{@code decodeTokPerSec} follows llama.cpp's convention for its eval rate: generated tokens over the time
 * from the first token to the last, so the two can be compared on the same run.
 */
public record MetricsSnapshot(int promptTokens, int genTokens, Double ttftMs, Double promptTokPerSec,
                              Double decodeTokPerSec, Double enginePromptTokPerSec, Double engineDecodeTokPerSec,
                              double elapsedMs, boolean finished) {

    /** The engine's decode rate when it reported one, else the measured rate. */
    public Double bestDecodeTokPerSec() {
        return engineDecodeTokPerSec != null ? engineDecodeTokPerSec : decodeTokPerSec;
    }
}
