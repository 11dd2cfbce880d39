package dev.breakeven.ui.compare;

import dev.breakeven.core.compare.CompareOption;
import dev.breakeven.core.compare.CompareRequest;
import dev.breakeven.core.compare.GpuComparison;
import dev.breakeven.core.compare.ValueScatter;
import dev.breakeven.ui.compare.CompareViewModel.Result;

import java.util.List;

/** Projects a comparison request into what the page shows: the table, the API's cumulative cost and the scatter. */
final class ComparisonResults {
    private ComparisonResults() {
    }

    /** Runs the comparison; slow enough that the view model calls it off the FX thread. */
    static Result compute(GpuComparison engine, List<CompareOption> options, CompareRequest request) {
        var comparison = engine.compare(options, request);
        // "This machine" has no catalog id; the charts mark only catalog cards as chosen.
        List<String> ids = options.stream().map(o -> o instanceof CompareOption.Cards k ? k.card().id() : "").toList();
        return new Result(comparison, engine.apiCumulativeUsd(request), ValueScatter.points(engine, request), ids);
    }
}
