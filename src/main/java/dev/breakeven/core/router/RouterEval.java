package dev.breakeven.core.router;

import dev.breakeven.core.cost.PointInputs;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How well the rules route the labelled set: "needs a frontier API" is the positive class, so precision is the share of
 * API-routed prompts that needed it and recall the share of prompts needing it that got it. The knob swept is the
 * rules' local token limit (every other rule as set): a lower limit sends more to the API.
 */
public final class RouterEval {
    /** The limits swept for the curve; 0 is "length rule off", which sends the least to the API. */
    public static final List<Integer> DEFAULT_LIMITS = List.of(0, 32_000, 16_000, 8_000, 4_000, 2_000, 1_000, 500,
            250, 100, 50, 25, 10);

    /** The published yardstick shown beside the 5% rule. */
    public static final String ROUTE_LLM_NOTE = "Published router studies put quality near the strong model at a much "
            + "larger strong-model share than 5%: RouteLLM (Ong et al., 2024, arXiv:2406.18665) reaches 95% of GPT-4's "
            + "MT-Bench quality with about a quarter of calls to GPT-4 for its best preference-trained router, and needs "
            + "about half or more on MMLU and GSM8K; roughly 25-40% strong-model share is the usual reading. The 5% rule "
            + "is a cost target, not a quality one.";

    private RouterEval() {
    }

    /** A bundled preset's workload at its central values, as the Hybrid page prices it. */
    public static PointInputs presetWorkload(String presetId) {
        return dev.breakeven.core.cost.RangeEvaluator.evaluate(dev.breakeven.core.cost.ScenarioPresets.load(presetId)
                .toInputs(dev.breakeven.core.cost.PriceCatalog.bundled())).centralInputs();
    }

    /**
     * The confusion counts and rates at one setting; {@code mix} is the monthly cost at a workload (null without one).
     * Precision is 1 when nothing goes to the API (no false alarms); recall is 1 when nothing needs it.
     */
    public record Point(int maxLocalPromptTokens, int truePositives, int falsePositives, int falseNegatives,
                        int trueNegatives, double precision, double recall, double apiShare, double apiTokenShare,
                        RoutingSimulation.MixCost mix) {
        public int total() {
            return truePositives + falsePositives + falseNegatives + trueNegatives;
        }

        public double accuracy() {
            return total() == 0 ? 0 : (double) (truePositives + trueNegatives) / total();
        }
    }

    /** Per category at one setting: how many need the frontier, how many went to the API, how many were right. */
    public record CategoryResult(String category, int prompts, int needFrontier, int toApi, int correct) {
    }

    public static Point evaluate(RoutingRules rules, List<LabelledSet.Item> items, PointInputs workload) {
        Router router = new Router(rules);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        List<RouteRequest> requests = new ArrayList<>(items.size());
        for (LabelledSet.Item item : items) {
            RouteRequest request = item.request();
            requests.add(request);
            boolean api = router.route(request).toApi();
            if (api && item.needsFrontier()) {
                tp++;
            } else if (api) {
                fp++;
            } else if (item.needsFrontier()) {
                fn++;
            } else {
                tn++;
            }
        }
        RoutingSimulation.Result sim = RoutingSimulation.run(router, requests);
        double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        RoutingSimulation.MixCost mix = workload == null ? null : RoutingSimulation.cost(sim, workload);
        return new Point(rules.maxLocalPromptTokens(), tp, fp, fn, tn, precision, recall, sim.apiRequestShare(),
                sim.apiTokenShare(), mix);
    }

    /** The curve: one point per local token limit, the other rules as given. */
    public static List<Point> sweep(RoutingRules rules, List<LabelledSet.Item> items, List<Integer> limits,
                                    PointInputs workload) {
        return limits.stream().map(l -> evaluate(rules.withMaxLocalPromptTokens(l), items, workload)).toList();
    }

    /** The swept point whose API request share is closest to {@code share} (e.g. 0.05 for the 5% rule). */
    public static Point nearestShare(List<Point> curve, double share) {
        return IntStream.range(0, curve.size()).mapToObj(curve::get)
                .min((a, b) -> Double.compare(Math.abs(a.apiShare() - share), Math.abs(b.apiShare() - share)))
                .orElseThrow();
    }

    public static List<CategoryResult> byCategory(RoutingRules rules, LabelledSet set) {
        Router router = new Router(rules);
        List<CategoryResult> out = new ArrayList<>();
        for (String category : set.categories()) {
            List<LabelledSet.Item> items = set.prompts().stream().filter(i -> i.category().equals(category)).toList();
            int need = 0;
            int api = 0;
            int correct = 0;
            for (LabelledSet.Item item : items) {
                boolean toApi = router.route(item.request()).toApi();
                need += item.needsFrontier() ? 1 : 0;
                api += toApi ? 1 : 0;
                correct += toApi == item.needsFrontier() ? 1 : 0;
            }
            out.add(new CategoryResult(category, items.size(), need, api, correct));
        }
        return out;
    }
}
