package dev.breakeven.core.compare;

import dev.breakeven.core.cost.CostCharts;
import dev.breakeven.core.cost.CostModel;
import dev.breakeven.core.cost.CostResult;
import dev.breakeven.core.cost.PointInputs;
import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.FlashAttention;
import dev.breakeven.core.fit.ServingEngine;
import dev.breakeven.core.fit.ModelWeights;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.fit.Recommendations;
import dev.breakeven.core.fit.Verdict;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.Quant;
import dev.breakeven.core.models.QuantCatalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static dev.breakeven.core.cost.CostInput.*;

/**
 * Puts options side by side: the fit planner says whether and how fast the model runs, the cost model what it costs
 * and when it pays back. Nothing here re-derives either; this class only feeds one into the other.
 */
public final class GpuComparison {
    private static final double GIB = 1024.0 * 1024.0 * 1024.0;
    private static final double SECONDS_PER_HOUR = 3600;

    private final FitPlanner planner;
    private final ModelCatalog models;
    private final QuantCatalog quants;
    private final GpuCatalog gpus;
    private final CompareSettings settings;

    public GpuComparison(FitPlanner planner, ModelCatalog models, QuantCatalog quants, GpuCatalog gpus,
                         CompareSettings settings) {
        this.planner = planner;
        this.models = models;
        this.quants = quants;
        this.gpus = gpus;
        this.settings = settings;
    }

    public static GpuComparison standard() {
        return new GpuComparison(FitPlanner.standard(), ModelCatalog.load(), QuantCatalog.load(), GpuCatalog.load(),
                CompareSettings.bundled());
    }

    public GpuCatalog gpus() {
        return gpus;
    }

    public ModelCatalog models() {
        return models;
    }

    public QuantCatalog quants() {
        return quants;
    }

    public CompareSettings settings() {
        return settings;
    }

    public OptionHardware hardware(CompareOption option) {
        var constants = planner.memory().constants();
        return OptionHardware.resolve(option, gpus, settings, constants.gpuRuntimeOverheadBytes(),
                constants.fallbackHostBandwidthGBps());
    }

    public Comparison compare(List<CompareOption> options, CompareRequest request) {
        List<OptionResult> rows = new ArrayList<>();
        for (CompareOption option : options) {
            rows.add(evaluate(option, request));
        }
        return new Comparison(request, rows, BestColumns.of(rows));
    }

    public OptionResult evaluate(CompareOption option, CompareRequest request) {
        return evaluate(option, request, true);
    }

    /** Like {@link #evaluate} without the largest-model search: for charts over the whole catalog. */
    public OptionResult evaluateSpeed(CompareOption option, CompareRequest request) {
        return evaluate(option, request, false);
    }

    private OptionResult evaluate(CompareOption option, CompareRequest request, boolean withLargest) {
        OptionHardware hw = hardware(option);
        PlanRequest planRequest = request(hw, request.model(), request.quant(), request.contextLength(),
                request.flashAttention()).withParallel(request.concurrency());
        FitPlan plan = planner.plan(planRequest);
        double decode = finite(plan.decodeTokPerSec()) * hw.speedFactor();
        // capacity, energy per token and rigs follow what all the streams decode together
        double served = request.concurrency() == 1 ? decode
                : finite(planner.parallel(planRequest).aggregateDecodeTokPerSec()) * hw.speedFactor();
        double prefill = finite(plan.prefillTokPerSec()) * hw.speedFactor();
        boolean runs = plan.fits() && decode > 0;
        Double watts = hw.tdpWatts() == null ? null : hw.tdpWatts() * settings.loadFactor();
        Double kwhPerMtok = watts == null || !runs ? null : watts * 1e6 / served / SECONDS_PER_HOUR / 1000;
        CostResult cost = null;
        double[] cumulative = null;
        if (runs && watts != null && hw.priceUsd() != null) {
            PointInputs p = request.costInputs().with(HARDWARE_USD, hw.priceUsd()).with(WATTS_LOAD, watts)
                    .with(TOK_PER_SEC, served);
            cost = CostModel.evaluate(p);
            cumulative = CostCharts.cumulativeOf(p)[1];
        }
        Optional<Recommendations.Choice> largest = withLargest ? largestFullModel(hw) : Optional.empty();
        double need = (plan.memory().weightsBytes() + plan.memory().kvCacheBytes() + plan.memory().computeBytes()
                + planner.memory().constants().gpuRuntimeOverheadBytes()) / GIB;
        OptionResult partial = new OptionResult(hw.label(), hw.cards(), hw.vramBytes() / GIB, hw.bandwidthGBps(),
                hw.tdpWatts(), hw.priceUsd(), largest.map(c -> c.model().id()).orElse(null),
                largest.map(c -> c.model().name()).orElse(null), plan.verdict(), need, decode, prefill, watts,
                kwhPerMtok, cost == null ? null : cost.localUsdPerMtok(), cost == null ? null : cost.paybackMonths(),
                cost == null ? null : cost.rigsNeeded(), cumulative, "", request.concurrency(), runs ? served : 0);
        return withVerdict(partial, request);
    }

    /** Cumulative API spend by month 0..36 at the request's workload (the same for every option). */
    public double[] apiCumulativeUsd(CompareRequest request) {
        return CostCharts.cumulativeOf(request.costInputs().with(TOK_PER_SEC, Double.NaN))[0];
    }

    /** The model with the most parameters that sits entirely on the option's GPU at the settings' quant and context. */
    public Optional<Recommendations.Choice> largestFullModel(OptionHardware hw) {
        if (hw.target().gpu() == null) {
            return Optional.empty();
        }
        Quant quant = quants.find(settings.largestModelQuant())
                .orElseThrow(() -> new IllegalStateException("quant catalog lacks " + settings.largestModelQuant()));
        return models.models().stream()
                .sorted(Comparator.comparingLong((CatalogModel m) -> m.shape().parameterCount()).reversed())
                .map(m -> new Recommendations.Choice(m, quant, plan(hw, m, quant, settings.largestModelContext(),
                        FlashAttention.AUTO)))
                .filter(c -> c.plan().verdict() == Verdict.FULL)
                .findFirst();
    }

    private FitPlan plan(OptionHardware hw, CatalogModel model, Quant quant, int context, FlashAttention fa) {
        return planner.plan(request(hw, model, quant, context, fa));
    }

    private static PlanRequest request(OptionHardware hw, CatalogModel model, Quant quant, int context,
                                       FlashAttention fa) {
        return PlanRequest.of(model.shape(), ModelWeights.estimate(model, quant), context, hw.target())
                .withEngine(ServingEngine.RUNTIME, fa);
    }

    private static OptionResult withVerdict(OptionResult r, CompareRequest request) {
        return new OptionResult(r.label(), r.cards(), r.vramGiB(), r.bandwidthGBps(), r.tdpWatts(), r.priceUsd(),
                r.largestModelId(), r.largestModelName(), r.fit(), r.needGiB(), r.decodeTokPerSec(),
                r.prefillTokPerSec(), r.watts(), r.kwhPerMtok(), r.localUsdPerMtok(), r.paybackMonths(),
                r.rigsNeeded(), r.cumulativeUsd(), Verdicts.sentence(r, request), r.users(), r.servedTokPerSec());
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
