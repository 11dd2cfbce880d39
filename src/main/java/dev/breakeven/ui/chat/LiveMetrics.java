package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.AnswerPower;
import dev.breakeven.core.chat.MetricsSnapshot;
import dev.breakeven.core.chat.store.AnswerMetrics;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.power.AnswerEnergy;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Locale;
import java.util.function.DoubleConsumer;

/**
 * The figures the metrics panel shows, as FX properties, refreshed from the generating thread's
 * {@link dev.breakeven.core.chat.GenerationMetrics} a few times a second (never per token).
 */
final class LiveMetrics {
    final DoubleProperty decodeTokPerSec = new SimpleDoubleProperty();
    final DoubleProperty watts = new SimpleDoubleProperty();
    final IntegerProperty genTokens = new SimpleIntegerProperty();
    final StringProperty ttft = new SimpleStringProperty("–");
    final StringProperty rateText = new SimpleStringProperty("");
    final StringProperty promptRate = new SimpleStringProperty("–");
    final StringProperty energy = new SimpleStringProperty("–");
    final StringProperty cost = new SimpleStringProperty("–");
    final StringProperty apiCost = new SimpleStringProperty("–");
    final StringProperty powerLabel = new SimpleStringProperty("unavailable");
    final ObjectProperty<Boolean> powerMeasured = new SimpleObjectProperty<>();
    final DoubleProperty pricePerKwh = new SimpleDoubleProperty();
    final ObjectProperty<ApiPrice> apiPrice = new SimpleObjectProperty<>();
    private DoubleConsumer sparkline = v -> { };

    /** Receives each live tok/s figure for the sparkline. */
    void onRateSample(DoubleConsumer consumer) {
        sparkline = consumer;
    }

    void reset() {
        decodeTokPerSec.set(0);
        watts.set(0);
        genTokens.set(0);
        ttft.set("–");
        rateText.set("");
        promptRate.set("–");
        energy.set("–");
        cost.set("–");
        apiCost.set("–");
    }

    /** A live refresh while streaming. */
    void update(MetricsSnapshot m, AnswerPower power) {
        Double rate = m.decodeTokPerSec();
        show(m, rate, power.liveWatts().isPresent() ? power.liveWatts().getAsDouble() : null,
                power.liveJoules().isPresent() ? power.liveJoules().getAsDouble() : null, power.label());
        if (rate != null) {
            sparkline.accept(rate);
        }
    }

    /** The final figures of a finished answer (also used to show a stored answer's figures). */
    void showFinal(AnswerMetrics a) {
        MetricsSnapshot m = new MetricsSnapshot(a.promptTokens(), a.genTokens(), a.ttftMs(), a.promptTokPerSec(),
                a.decodeTokPerSec(), null, a.engineDecodeTokPerSec(), 0, true);
        show(m, m.bestDecodeTokPerSec(), a.watts(), a.joules(), a.powerSource() == null ? "unavailable" : a.powerLabel());
        powerMeasured.set(a.powerSource() == null ? null : a.powerMeasured());
    }

    private void show(MetricsSnapshot m, Double rate, Double liveWatts, Double joules, String label) {
        genTokens.set(m.genTokens());
        decodeTokPerSec.set(rate == null ? 0 : rate);
        rateText.set(rate == null ? "" : String.format(Locale.ROOT, "%.1f tok/s", rate));
        ttft.set(m.ttftMs() == null ? "–" : String.format(Locale.ROOT, "%.0f ms", m.ttftMs()));
        promptRate.set(m.promptTokPerSec() == null ? "–" : String.format(Locale.ROOT, "%.0f tok/s", m.promptTokPerSec()));
        watts.set(liveWatts == null ? 0 : liveWatts);
        powerLabel.set(label);
        powerMeasured.set("unavailable".equals(label) ? null : label.startsWith("measured"));
        if (joules == null) {
            energy.set("–");
            cost.set("–");
        } else {
            double perToken = m.genTokens() == 0 ? 0 : joules / m.genTokens();
            energy.set(String.format(Locale.ROOT, "%.1f J (%.2f J/token)", joules, perToken));
            cost.set(cents(AnswerEnergy.electricityCost(joules, pricePerKwh.get())));
        }
        ApiPrice price = apiPrice.get();
        apiCost.set(price == null ? "–" : cents((m.promptTokens() * price.inputUsdPerMtok()
                + m.genTokens() * price.outputUsdPerMtok()) / 1e6) + " on " + price.name());
    }

    private static String cents(double usd) {
        return String.format(Locale.ROOT, "%.4f ¢", usd * 100);
    }
}
