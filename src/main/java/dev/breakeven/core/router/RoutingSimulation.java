package dev.breakeven.core.router;

import dev.breakeven.core.cost.CostInput;
import dev.breakeven.core.cost.CostModel;
import dev.breakeven.core.cost.PointInputs;

import java.util.ArrayList;
import java.util.List;

/**
 * Routes a sample of prompts and prices the result. The mix cost is core.cost's own
 * {@link CostModel#hybridMonthly}, fed the share of prompt tokens the rules send to the API.
 */
public final class RoutingSimulation {
    private RoutingSimulation() {
    }

    public record Routed(RouteRequest request, RouteDecision decision) {
    }

    /**
     * What the rules do to the sample.
     *
     * @param apiTokenShare share of prompt tokens sent to the API; 0 for an empty sample or one with no tokens
     */
    public record Result(List<Routed> routed, int apiRequests, int localRequests, long apiTokens, long localTokens,
                         double apiRequestShare, double apiTokenShare) {
        public Result {
            routed = List.copyOf(routed);
        }

        public int requests() {
            return apiRequests + localRequests;
        }
    }

    /**
     * Monthly cost at a workload: everything local, everything on the API, and the mix at the sample's share.
     * Each figure is {@link CostModel#hybridMonthly} at share 0, 1 and {@code apiShare}.
     */
    public record MixCost(double apiShare, double allLocalMonthlyUsd, double allApiMonthlyUsd, double mixMonthlyUsd) {
        /** The cheapest of the three, as a label: "all local", "all API" or "mix" (a tie goes to the simpler setup). */
        public String cheapest() {
            double min = Math.min(mixMonthlyUsd, Math.min(allLocalMonthlyUsd, allApiMonthlyUsd));
            if (min == allLocalMonthlyUsd) {
                return "all local";
            }
            return min == allApiMonthlyUsd ? "all API" : "mix";
        }
    }

    public static Result run(Router router, List<RouteRequest> requests) {
        List<Routed> routed = new ArrayList<>(requests.size());
        int api = 0;
        long apiTokens = 0;
        long localTokens = 0;
        for (RouteRequest request : requests) {
            RouteDecision d = router.route(request);
            routed.add(new Routed(request, d));
            if (d.toApi()) {
                api++;
                apiTokens += d.promptTokens();
            } else {
                localTokens += d.promptTokens();
            }
        }
        int n = requests.size();
        double requestShare = n == 0 ? 0 : (double) api / n;
        long tokens = apiTokens + localTokens;
        // With no tokens to weigh (all empty prompts) the request share is the only share there is.
        double tokenShare = tokens == 0 ? requestShare : (double) apiTokens / tokens;
        return new Result(routed, api, n - api, apiTokens, localTokens, requestShare, tokenShare);
    }

    /**
     * Prices the sample's split at a workload. The workload's own API share is replaced by the sample's token share:
     * the API bills tokens, and the hard requests are often the long ones, so the request share would flatter the mix.
     */
    public static MixCost cost(Result result, PointInputs workload) {
        double share = result.apiTokenShare();
        PointInputs p = workload.with(CostInput.API_SHARE, share);
        return new MixCost(share, CostModel.hybridMonthly(p, 0), CostModel.hybridMonthly(p, 1),
                CostModel.hybridMonthly(p, share));
    }
}
