package dev.breakeven.core.fit;

import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.Quant;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Answers built from many plans: best quant per model, largest model at a quality floor, context limit. */
public final class Recommendations {

    /** A model at a quantization with its plan. */
    public record Choice(CatalogModel model, Quant quant, FitPlan plan) {
    }

    private final FitPlanner planner;

    public Recommendations(FitPlanner planner) {
        this.planner = planner;
    }

    /** Plans a catalog model at a quant with the settings of {@code template} (context, KV type, headroom, target). */
    public FitPlan plan(CatalogModel model, Quant quant, PlanRequest template) {
        return planner.plan(template.withWeights(model.shape(), ModelWeights.estimate(model, quant)));
    }

    /** The highest-quality quant (most bits) that runs entirely on the GPU at the template's context. */
    public Optional<Choice> bestFullQuant(CatalogModel model, List<Quant> quants, PlanRequest template) {
        return quants.stream()
                .sorted(Comparator.comparingDouble(Quant::bitsPerWeight).reversed())
                .map(q -> new Choice(model, q, plan(model, q, template)))
                .filter(c -> c.plan().verdict() == Verdict.FULL)
                .findFirst();
    }

    /**
     * The model with the most parameters that runs entirely on the GPU with a quant losing at most
     * {@code maxLossPercent} perplexity; quants without a published figure are skipped. Among quants of that
     * model, the best quality one is returned.
     */
    public Optional<Choice> largestFullModel(List<CatalogModel> models, List<Quant> quants, double maxLossPercent,
                                             PlanRequest template) {
        List<Quant> allowed = quants.stream()
                .filter(q -> q.qualityLossPercent() != null && q.qualityLossPercent() <= maxLossPercent)
                .toList();
        return models.stream()
                .sorted(Comparator.comparingLong((CatalogModel m) -> m.shape().parameterCount()).reversed())
                .map(m -> bestFullQuant(m, allowed, template))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * The longest context (in tokens, up to {@code limit}) at which the request still gets the verdict it has at
     * 1 token; 0 when even that does not fit. Plans are monotone in context, so a binary search suffices.
     */
    public int maxContextKeepingVerdict(PlanRequest request, int limit) {
        Verdict wanted = planner.plan(request.withContext(1)).verdict();
        if (wanted == Verdict.NONE) {
            return 0;
        }
        int lo = 1;
        int hi = limit;
        if (keepsVerdict(planner.plan(request.withContext(hi)), wanted)) {
            return hi;
        }
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            if (keepsVerdict(planner.plan(request.withContext(mid)), wanted)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean keepsVerdict(FitPlan plan, Verdict wanted) {
        return plan.verdict() == wanted;
    }
}
