package dev.breakeven.core.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Local, API or hybrid for a workload, from a few questions and the capability-gap table, with the reasons and the
 * workload's monthly cost figures. Hard constraints (data that may not leave, no network) decide first; then whether
 * the hardest tasks need the API; then cost.
 */
public final class DecisionGuide {
    private DecisionGuide() {
    }

    public enum Latency { RELAXED, INTERACTIVE, REAL_TIME }

    public enum Verdict { LOCAL, API, HYBRID }

    /**
     * The form's answers. {@code volumeTokensPerDay} is informational (the cost figures already reflect the workload).
     */
    public record Answers(boolean privateOrRegulated, boolean offlineOrField, Latency latency, boolean vision,
                          boolean audio, boolean hardestReasoning, boolean contextOver200k, double volumeTokensPerDay) {
    }

    public record Recommendation(Verdict verdict, List<String> reasons, RoutingSimulation.MixCost cost) {
        public Recommendation {
            reasons = List.copyOf(reasons);
        }
    }

    public static Recommendation decide(Answers a, CapabilityGaps gaps, RoutingSimulation.MixCost cost) {
        List<String> reasons = new ArrayList<>();
        List<String> apiAhead = new ArrayList<>();
        if (a.hardestReasoning()) {
            gap(gaps, "multi-step reasoning", apiAhead, reasons);
            gap(gaps, "math and proof", apiAhead, reasons);
        }
        if (a.contextOver200k()) {
            gap(gaps, "long context over 200k tokens", apiAhead, reasons);
        }
        if (a.vision()) {
            gap(gaps, "vision", apiAhead, reasons);
        }
        if (a.audio()) {
            gap(gaps, "audio", apiAhead, reasons);
        }
        boolean localCheaper = cost != null && cost.allLocalMonthlyUsd() < cost.allApiMonthlyUsd();
        String costLine = cost == null ? null : String.format(Locale.ROOT,
                "At this workload: all local $%,.0f/month, all API $%,.0f/month, mix at %.0f%% to the API $%,.0f/month.",
                cost.allLocalMonthlyUsd(), cost.allApiMonthlyUsd(), cost.apiShare() * 100, cost.mixMonthlyUsd());

        Verdict v;
        if (a.privateOrRegulated() || a.offlineOrField()) {
            v = Verdict.LOCAL;
            if (a.privateOrRegulated()) {
                reasons.addFirst("Private or regulated data must not leave your machines: local decides this.");
            }
            if (a.offlineOrField()) {
                reasons.addFirst("Offline or field use: an API needs a network you will not always have.");
            }
            if (!apiAhead.isEmpty()) {
                reasons.add("The API is ahead on " + String.join(", ", apiAhead) + ": expect weaker answers there, "
                        + "or use a provider deployment under a data-processing agreement for those tasks.");
            }
        } else if (!apiAhead.isEmpty()) {
            v = localCheaper ? Verdict.HYBRID : Verdict.API;
            reasons.add(localCheaper
                    ? "Local is cheaper for the bulk, and the API is ahead on " + String.join(", ", apiAhead)
                    + ": send those to the API and the rest local."
                    : "The API is ahead on " + String.join(", ", apiAhead) + " and not dearer at this workload.");
        } else {
            v = localCheaper ? Verdict.LOCAL : Verdict.API;
            reasons.add(localCheaper ? "Local models are competitive on these tasks and cheaper at this workload."
                    : "Local models are competitive on these tasks, but at this volume the API costs less than owning a rig.");
        }
        if (a.latency() == Latency.REAL_TIME) {
            reasons.add(v == Verdict.API
                    ? "Real-time latency: an API adds a network round trip and queueing to every first token; measure "
                    + "it from where your users are (breakeven chat --api … --json gives ttftMs)."
                    : "Real-time latency: a local model on this machine has no network round trip.");
        }
        if (cost == null) {
            reasons.add("No workload chosen: the cost comparison is left out.");
        } else {
            reasons.add(costLine);
            if (v == Verdict.HYBRID) {
                reasons.add("The mix keeps the whole rig, so it costs more than all-local; its price buys the quality "
                        + "on the hard requests.");
            }
        }
        if (a.volumeTokensPerDay() > 0) {
            reasons.add(String.format(Locale.ROOT, "Your volume: %,.0f tokens a day; the cost figures are for the workload "
                    + "chosen on this page.", a.volumeTokensPerDay()));
        }
        return new Recommendation(v, reasons, cost);
    }

    private static void gap(CapabilityGaps gaps, String category, List<String> apiAhead, List<String> reasons) {
        gaps.find(category).ifPresent(g -> {
            if (g.verdict() == CapabilityGaps.Verdict.API_AHEAD) {
                apiAhead.add(g.category());
            }
            reasons.add(g.category() + ": " + (g.verdict() == CapabilityGaps.Verdict.API_AHEAD ? "API ahead" : "local competitive")
                    + " — " + g.note() + " (" + g.source() + ", checked " + g.checked() + ")");
        });
    }
}
