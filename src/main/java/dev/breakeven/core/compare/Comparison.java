package dev.breakeven.core.compare;

import java.util.List;

/** The options side by side, with which option is best in each column. */
public record Comparison(CompareRequest request, List<OptionResult> options, BestColumns best) {
    public Comparison {
        options = List.copyOf(options);
    }
}
