package dev.breakeven.ui.cost;

import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.store.AnswerMetrics;
import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.chat.store.StoredMessage;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Throughput and power as measured by the Chat page: the medians over the most recent complete answers stored
 * with their metrics, so one odd answer does not set the figure. Cut answers and answers whose engine died are
 * left out: their rates describe a failure, not the machine.
 */
final class MeasuredFigures {
    static final int RECENT_ANSWERS = 20;

    private MeasuredFigures() {
    }

    /** Median decode tok/s and (where sampled) median watts; {@code wattsMeasured} false when they were estimated. */
    record Measured(double tokPerSec, Double watts, boolean wattsMeasured, int answers, String model) {
    }

    static Optional<Measured> recent(ConversationStore store) {
        List<StoredMessage> answers = store.list().conversations().stream()
                .flatMap(c -> c.messages().stream())
                .filter(m -> m.role() == Role.ASSISTANT && !m.partial() && m.metrics() != null
                        && m.metrics().genTokens() > 0 && m.metrics().measurable() && positive(m.metrics().decodeTokPerSec()))
                .sorted(Comparator.comparingLong(StoredMessage::atEpochMillis).reversed())
                .limit(RECENT_ANSWERS)
                .toList();
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        List<AnswerMetrics> metrics = answers.stream().map(StoredMessage::metrics).toList();
        double tps = median(metrics.stream().map(AnswerMetrics::decodeTokPerSec).toList());
        List<AnswerMetrics> powered = metrics.stream().filter(m -> positive(m.watts())).toList();
        Double watts = powered.isEmpty() ? null : median(powered.stream().map(AnswerMetrics::watts).toList());
        boolean measured = !powered.isEmpty() && powered.stream().allMatch(AnswerMetrics::powerMeasured);
        return Optional.of(new Measured(tps, watts, measured, answers.size(), metrics.getFirst().model()));
    }

    private static boolean positive(Double v) {
        return v != null && v > 0 && Double.isFinite(v);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
