package dev.breakeven.core.chat.store;

import dev.breakeven.core.chat.MetricsSnapshot;

/**
 * The measured figures stored with an answer, so the cost page can use real tok/s and watts instead of
 * predictions. Power figures are null when nothing was sampled; {@code powerSource} is the meter's name and
 * {@code powerMeasured} false when the watts are an estimate. {@code note} says why an answer ended early (cut,
 * engine died: the engine's own last error line), null otherwise.
 */
public record AnswerMetrics(String engine, String model, int promptTokens, int genTokens, Double ttftMs,
                            Double promptTokPerSec, Double decodeTokPerSec, Double engineDecodeTokPerSec,
                            Double watts, Double joules, String powerSource, boolean powerMeasured,
                            String stopReason, String note, Double joulesAboveIdle) {

    /** Without the energy above idle (answers stored before it was kept, or without an idle draw). */
    public AnswerMetrics(String engine, String model, int promptTokens, int genTokens, Double ttftMs,
                         Double promptTokPerSec, Double decodeTokPerSec, Double engineDecodeTokPerSec,
                         Double watts, Double joules, String powerSource, boolean powerMeasured,
                         String stopReason, String note) {
        this(engine, model, promptTokens, genTokens, ttftMs, promptTokPerSec, decodeTokPerSec, engineDecodeTokPerSec,
                watts, joules, powerSource, powerMeasured, stopReason, note, null);
    }

    /** Without a note: an answer that ended normally. */
    public AnswerMetrics(String engine, String model, int promptTokens, int genTokens, Double ttftMs,
                         Double promptTokPerSec, Double decodeTokPerSec, Double engineDecodeTokPerSec, Double watts,
                         Double joules, String powerSource, boolean powerMeasured, String stopReason) {
        this(engine, model, promptTokens, genTokens, ttftMs, promptTokPerSec, decodeTokPerSec, engineDecodeTokPerSec,
                watts, joules, powerSource, powerMeasured, stopReason, null);
    }

    public static AnswerMetrics of(String engine, String model, MetricsSnapshot m, Double watts, Double joules,
                                   String powerSource, boolean powerMeasured, String stopReason) {
        return of(engine, model, m, watts, joules, powerSource, powerMeasured, stopReason, null);
    }

    public static AnswerMetrics of(String engine, String model, MetricsSnapshot m, Double watts, Double joules,
                                   String powerSource, boolean powerMeasured, String stopReason, String note) {
        return new AnswerMetrics(engine, model, m.promptTokens(), m.genTokens(), m.ttftMs(), m.promptTokPerSec(),
                m.decodeTokPerSec(), m.engineDecodeTokPerSec(), watts, joules, powerSource, powerMeasured, stopReason,
                note == null || note.isEmpty() ? null : note);
    }

    /** This metrics with the answer's energy above the idle draw measured (or estimated) before it. */
    public AnswerMetrics withJoulesAboveIdle(Double joulesOverIdle) {
        return new AnswerMetrics(engine, model, promptTokens, genTokens, ttftMs, promptTokPerSec, decodeTokPerSec,
                engineDecodeTokPerSec, watts, joules, powerSource, powerMeasured, stopReason, note, joulesOverIdle);
    }

    /**
     * Whether the figures are a measurement: not for an answer that was cut or whose engine died (any other stored
     * reason, including those of older versions, counts as measurable).
     */
    public boolean measurable() {
        return !dev.breakeven.core.chat.StopReason.CUT.name().equals(stopReason)
                && !dev.breakeven.core.chat.StopReason.ENGINE_DIED.name().equals(stopReason);
    }

    /** The same figures without power: for an API answer, what this machine drew meanwhile is not its cost. */
    public AnswerMetrics withoutPower() {
        return new AnswerMetrics(engine, model, promptTokens, genTokens, ttftMs, promptTokPerSec, decodeTokPerSec,
                engineDecodeTokPerSec, null, null, null, false, stopReason, note);
    }

    /** llama.cpp's own decode rate when it reported one, else the measured one; null when neither exists. */
    public Double bestRate() {
        return engineDecodeTokPerSec != null ? engineDecodeTokPerSec : decodeTokPerSec;
    }

    /** "measured (rapl)", "estimated: <figure> × load" (or "estimated" for older answers), or "no power figure". */
    public String powerLabel() {
        if (powerSource == null || powerSource.isBlank()) {
            return "no power figure";
        }
        if (powerMeasured) {
            return "measured (" + powerSource + ")";
        }
        return powerSource.startsWith("estimated") ? powerSource : "estimated";
    }
}
