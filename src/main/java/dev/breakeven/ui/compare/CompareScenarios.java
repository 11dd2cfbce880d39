package dev.breakeven.ui.compare;

import dev.breakeven.core.compare.CompareOption;
import dev.breakeven.core.compare.CompareRequest;
import dev.breakeven.core.compare.ComparisonRows;
import dev.breakeven.core.compare.GpuComparison;
import dev.breakeven.core.compare.ScenarioComparisons;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.CostReport;
import dev.breakeven.core.cost.PointInputs;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.RangeEvaluator;
import dev.breakeven.core.cost.RangeInputs;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.cost.ScenarioException;
import dev.breakeven.core.cost.ScenarioIo;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.ui.compare.CompareViewModel.Result;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import static dev.breakeven.core.cost.CostInput.*;

/** The Compare form as a scenario file the Costs page also opens, its cost report, and a scenario read back. */
final class CompareScenarios {
    /** A scenario file read back: the API it names (null: none) and the options and request it restores. */
    record Opened(String apiId, ScenarioComparisons.Restored restored) {
    }

    private final PriceCatalog prices;
    private final GpuComparison engine;

    CompareScenarios(PriceCatalog prices, GpuComparison engine) {
        this.prices = prices;
        this.engine = engine;
    }

    /** Workload, API, the comparison, and the first shown option (if any) as the rig the Costs page shows. */
    Scenario toScenario(String name, CompareRequest request, List<CompareOption> options, Result shown, ApiPrice api) {
        PointInputs p = request.costInputs();
        String rig = null;
        if (shown != null && !shown.comparison().options().isEmpty()) {
            var first = shown.comparison().options().getFirst();
            rig = first.label();
            p = p.with(HARDWARE_USD, first.priceUsd() == null ? 0 : first.priceUsd())
                    .with(WATTS_LOAD, first.watts() == null ? 0 : first.watts())
                    // the throughput Compare priced with: all its users together
                    .with(TOK_PER_SEC, first.runs() ? first.servedTokPerSec() : Double.NaN);
        }
        return Scenario.fromInputs(name, "GPU comparison from the Compare page", RangeInputs.points(p),
                api.id(), List.of(api.id()), rig, null)
                .withComparison(ScenarioComparisons.section(options, request));
    }

    /** The cost report of the scenario with the shown comparison's table. */
    String reportHtml(String name, Scenario s, Result shown) {
        RangeInputs inputs = s.toInputs(prices);
        return CostReport.html(name, s.description(), inputs, RangeEvaluator.evaluate(inputs),
                prices.stalenessWarning(LocalDate.now()).orElse(null), List.of(), List.of(),
                ComparisonRows.table(shown.comparison()));
    }

    /** Reads a scenario with a comparison section; "This machine" options take their profile from machine. */
    Opened open(Path file, Supplier<HardwareProfile> machine) throws ScenarioException {
        Scenario s = ScenarioIo.load(file);
        if (s.comparison() == null) {
            throw new ScenarioException("this scenario has no GPU comparison to open");
        }
        ScenarioComparisons.Restored r;
        try {
            r = ScenarioComparisons.restore(s, prices, engine, machine);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(e.getMessage());
        }
        return new Opened(s.api() == null ? null : s.api().modelId(), r);
    }
}
