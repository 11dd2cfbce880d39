package dev.breakeven.ui.hardware;

import dev.breakeven.core.hardware.FigureSource;

/** One line of the details table: what, how much, and where the figure came from (null: not applicable). */
public record FigureRow(String figure, String value, FigureSource source) {
    public String sourceText() {
        return source == null ? "" : source.json();
    }
}
