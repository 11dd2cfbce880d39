package dev.breakeven.core.chat.store;

import dev.breakeven.core.chat.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A conversation's tokens, cost and latency summed per route, from the answers saved in it, so the totals come back
 * with the conversation. Answers saved before routes were recorded count as local when they carry local metrics.
 */
public record RouteTotals(String route, int turns, long inputTokens, long outputTokens, double costUsd,
                          double latencyMs) {

    public static List<RouteTotals> of(Conversation conversation) {
        Map<String, RouteTotals> byRoute = new LinkedHashMap<>();
        for (StoredMessage m : conversation.messages()) {
            if (m.role() != Role.ASSISTANT) {
                continue;
            }
            RouteTotals one;
            if (m.route() != null) {
                TurnRoute r = m.route();
                one = new RouteTotals(r.route(), 1, r.inputTokens(), r.outputTokens(),
                        r.costUsd() == null ? 0 : r.costUsd(), r.latencyMs());
            } else if (m.metrics() != null) {
                one = new RouteTotals(TurnRoute.LOCAL, 1, m.metrics().promptTokens(), m.metrics().genTokens(), 0, 0);
            } else {
                continue;
            }
            byRoute.merge(one.route(), one, RouteTotals::plus);
        }
        return new ArrayList<>(byRoute.values());
    }

    public RouteTotals plus(RouteTotals o) {
        return new RouteTotals(route, turns + o.turns, inputTokens + o.inputTokens, outputTokens + o.outputTokens,
                costUsd + o.costUsd, latencyMs + o.latencyMs);
    }

    /** "API: 2 turns, 2,400 in / 16 out tokens, $0.0031, 1.2 s" */
    public String describe() {
        return String.format(Locale.ROOT, "%s: %d turn%s, %,d in / %,d out tokens, $%.4f, %.1f s", route, turns,
                turns == 1 ? "" : "s", inputTokens, outputTokens, costUsd, latencyMs / 1000);
    }
}
