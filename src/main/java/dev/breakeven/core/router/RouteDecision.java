package dev.breakeven.core.router;

import java.util.List;

/** Where one request goes, with the rule findings behind it. */
public sealed interface RouteDecision {
    /** The prompt's tokens as the router counted them (a tokenizer's count, or the estimate). */
    int promptTokens();

    /** For the API: the rules that fired. For local: what each active rule checked and found harmless. */
    List<RouteReason> reasons();

    default boolean toApi() {
        return this instanceof Api;
    }

    /** "API" or "Local", as shown to people. */
    default String label() {
        return toApi() ? "API" : "Local";
    }

    record Local(int promptTokens, List<RouteReason> reasons) implements RouteDecision {
        public Local {
            reasons = List.copyOf(reasons);
        }
    }

    record Api(int promptTokens, List<RouteReason> reasons) implements RouteDecision {
        public Api {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("an API decision needs at least one fired rule");
            }
        }
    }
}
