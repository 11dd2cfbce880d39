package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.CostInput;
import dev.breakeven.core.cost.PlannedThroughput;
import dev.breakeven.core.cost.RangeText;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.models.CatalogGpu;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.Quant;
import dev.breakeven.core.models.QuantCatalog;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Costs page's "throughput from the planner": a catalog model and quantization on a catalog card, served to
 * {@link #concurrencyProperty() users at once}. It runs the same core code as {@code cost --concurrency N --model
 * --quant --gpu} ({@link PlannedThroughput#predict}): the rig's throughput becomes the aggregate decode of N streams,
 * so capacity and rigs needed follow it, and the choice is saved with the scenario ({@link Scenario.Served}).
 * Changing the users at once re-plans at once; typing a throughput by hand drops the planner choice.
 */
public final class CostsPlanner {
    /** Catalog cards are never run here, so their figures carry no calibration of this machine's. */
    private static final String UNCALIBRATED = "(estimated from the card's catalog figures, uncalibrated).";

    /** The choices the page offers, as on the Compare page. */
    public static final List<Integer> CONCURRENCY = List.of(1, 2, 4, 8, 16, 32, 64);

    private final CostsViewModel vm;
    private final FitPlanner planner;
    private final ObjectProperty<Integer> concurrency = new SimpleObjectProperty<>(1);
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    /** The throughput text the planner (or a loaded scenario's plan) put there; null when typed by hand. */
    private String plannedText;
    private boolean applying;

    public CostsPlanner(CostsViewModel vm, FitPlanner planner) {
        this.vm = vm;
        this.planner = planner;
        vm.servedProperty().addListener((obs, old, now) -> {
            if (applying || now == null) {
                return;
            }
            // a loaded scenario's plan: its throughput is already the aggregate it was saved with
            plannedText = vm.text(CostInput.TOK_PER_SEC).get();
            applying = true;
            try {
                concurrency.set(now.concurrency());
            } finally {
                applying = false;
            }
        });
        concurrency.addListener((obs, old, now) -> {
            Scenario.Served s = vm.servedProperty().get();
            if (!applying && now != null && s != null && s.concurrency() != now) {
                replan(s, now);
            }
        });
        vm.text(CostInput.TOK_PER_SEC).addListener((obs, old, now) -> {
            if (!applying && plannedText != null && !plannedText.equals(now)) {
                // the user typed a throughput of their own: it is no longer the planner's
                plannedText = null;
                vm.servedProperty().set(null);
                result.set("");
            }
        });
    }

    /** Users served at once (llama-server {@code -np}); 1 is one user at a time. */
    public ObjectProperty<Integer> concurrencyProperty() {
        return concurrency;
    }

    /** What the last plan said, for the line under the planner row; empty when none. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Plans {@code model}/{@code quant} on {@code card} for the current users at once and sets the throughput. */
    public void use(CatalogGpu card, CatalogModel model, Quant quant) {
        if (card == null || model == null || quant == null) {
            result.set("Pick a card from the GPU catalog, a model and a quantization first.");
            return;
        }
        int streams = concurrency.get() == null ? 1 : concurrency.get();
        var prediction = PlannedThroughput.predict(planner, card, model, quant, streams);
        if (prediction.isEmpty()) {
            result.set("The planner has no estimate for " + model.name() + " on " + card.name());
            return;
        }
        PlannedThroughput.Prediction p = prediction.get();
        double tps = Math.round(p.tokPerSec() * 10) / 10.0;
        plannedText = RangeText.format(tps);
        applying = true;
        try {
            vm.servedProperty().set(new Scenario.Served(model.id(), quant.id(), card.name(), streams));
            vm.text(CostInput.TOK_PER_SEC).set(plannedText);
        } finally {
            applying = false;
        }
        String fit = p.fitsOnGpu() ? "" : ", which does not fit in its memory: layers run on the CPU";
        String tooMany = streams > p.maxStreams() && p.maxStreams() > 0
                ? String.format(Locale.ROOT, "; only %d users' KV caches fit beside the weights", p.maxStreams()) : "";
        result.set(streams == 1
                ? String.format(Locale.ROOT, "Planner: %.1f tok/s for %s %s on %s%s " + UNCALIBRATED, tps,
                model.name(), quant.id(), card.name(), fit)
                : String.format(Locale.ROOT, "Planner: %d users at once of %s %s on %s: %.1f tok/s in total, %.1f each%s%s "
                        + UNCALIBRATED, streams, model.name(), quant.id(), card.name(), tps, p.perStreamTokPerSec(), fit,
                tooMany));
    }

    private void replan(Scenario.Served served, int streams) {
        Optional<CatalogGpu> card = GpuCatalog.load().find(served.gpu());
        Optional<CatalogModel> model = ModelCatalog.load().find(served.modelId());
        Optional<Quant> quant = QuantCatalog.load().find(served.quant());
        if (card.isEmpty() || model.isEmpty() || quant.isEmpty()) {
            result.set("The saved planner choice names a model, quant or card the catalogs no longer have.");
            return;
        }
        use(card.get(), model.get(), quant.get());
    }
}
