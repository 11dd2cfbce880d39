package dev.breakeven.core.compare;

import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.hardware.HardwareProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Between a scenario file's {@code comparison} section and live options. */
public final class ScenarioComparisons {
    private ScenarioComparisons() {
    }

    /** What the section names, resolved against the catalogs. */
    public record Restored(List<CompareOption> options, CompareRequest request) {
    }

    public static Scenario.Comparison section(List<CompareOption> options, CompareRequest request) {
        List<Scenario.ComparedOption> saved = options.stream()
                .map(o -> new Scenario.ComparedOption(OptionParser.format(o), o.priceUsd())).toList();
        return new Scenario.Comparison(saved, request.model().id(), request.quant().id(), request.contextLength());
    }

    /**
     * The options and request a scenario's comparison describes, costed at the scenario's own workload and API
     * (central values of any ranges). Throws IllegalArgumentException naming what the catalogs lack.
     */
    public static Restored restore(Scenario scenario, PriceCatalog prices, GpuComparison engine,
                                   Supplier<HardwareProfile> detected) {
        Scenario.Comparison c = scenario.comparison();
        if (c == null) {
            throw new IllegalArgumentException("the scenario has no comparison");
        }
        List<CompareOption> options = new ArrayList<>();
        for (Scenario.ComparedOption saved : c.options()) {
            options.add(OptionParser.parse(saved.option(), engine.gpus(), detected).withPrice(saved.priceUsd()));
        }
        var model = engine.models().find(c.modelId())
                .orElseThrow(() -> new IllegalArgumentException("comparison names unknown model " + c.modelId()));
        var quant = engine.quants().find(c.quant())
                .orElseThrow(() -> new IllegalArgumentException("comparison names unknown quant " + c.quant()));
        String modelId = scenario.api() == null ? null : scenario.api().modelId();
        String apiName = modelId == null ? "the API" : prices.find(modelId).map(ApiPrice::name).orElse(modelId);
        var inputs = scenario.toInputs(prices).mid();
        return new Restored(options, new CompareRequest(model, quant, c.contextLength(), inputs, apiName));
    }

    /** The comparison a scenario carries, evaluated; null when it has none. */
    public static Comparison evaluate(Scenario scenario, PriceCatalog prices, GpuComparison engine,
                                      Supplier<HardwareProfile> detected) {
        if (scenario.comparison() == null) {
            return null;
        }
        Restored r = restore(scenario, prices, engine, detected);
        return engine.compare(r.options(), r.request());
    }
}
