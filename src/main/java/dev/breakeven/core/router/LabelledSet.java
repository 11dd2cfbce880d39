package dev.breakeven.core.router;

import dev.breakeven.core.io.Json;

import java.util.List;
import java.util.Objects;

/**
 * The labelled routing set shipped with the app: prompts across eight task categories, each marked as one a local
 * 7-8B model handles ({@code local}) or one that needs a frontier API ({@code frontier}), with the reason. How it was
 * labelled is in docs/hybrid.md.
 */
public record LabelledSet(String name, int version, String labelledOn, String source, String labelRule,
                          List<Item> prompts) {
    public static final String RESOURCE = "/dev/breakeven/router/labelled-prompts.json";

    /**
     * One labelled prompt. {@code tokens} stands for attached material the short prompt text refers to (null = count
     * the text); {@code turns} is the number of earlier messages in its conversation.
     */
    public record Item(String id, String category, String label, String prompt, Integer tokens, Integer turns,
                       String reason) {
        public Item {
            Objects.requireNonNull(id, "id");
            if (!"local".equals(label) && !"frontier".equals(label)) {
                throw new IllegalArgumentException(id + ": label must be local or frontier, not " + label);
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException(id + ": every label needs its reason");
            }
        }

        public boolean needsFrontier() {
            return "frontier".equals(label);
        }

        public RouteRequest request() {
            return new RouteRequest(prompt, turns == null ? 0 : turns, tokens);
        }
    }

    public LabelledSet {
        prompts = List.copyOf(prompts);
    }

    public static LabelledSet bundled() {
        return Json.resource(RESOURCE, LabelledSet.class);
    }

    public List<String> categories() {
        return prompts.stream().map(Item::category).distinct().toList();
    }
}
