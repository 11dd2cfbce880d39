package dev.breakeven.core.compare;

import java.util.ArrayList;
import java.util.List;

/** Decode speed per dollar against VRAM for every priced catalog card, for the request's model. */
public final class ValueScatter {
    private ValueScatter() {
    }

    /** One card: where it sits on the chart. */
    public record Point(String id, String label, double vramGiB, double tokPerSecPerKiloUsd) {
    }

    /** Cards without a launch price, or on which the model does not run, are left out. */
    public static List<Point> points(GpuComparison engine, CompareRequest request) {
        List<Point> points = new ArrayList<>();
        for (var card : engine.gpus().all()) {
            if (card.launchPriceUsd() == null || card.launchPriceUsd() <= 0) {
                continue;
            }
            OptionResult r = engine.evaluateSpeed(CompareOption.Cards.of(card), request);
            Double value = r.tokPerSecPerKiloUsd();
            if (value != null) {
                points.add(new Point(card.id(), card.name(), r.vramGiB(), value));
            }
        }
        return points;
    }
}
