package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.ChartSet;
import javafx.scene.chart.Chart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/** One of the four chart panels: it redraws from a {@link ChartSet} and exposes its chart for PNG export. */
interface ChartPanel {
    String title();

    Chart chart();

    void update(ChartSet charts);

    /** Exact values on hover; installed after the series are in the chart, when the symbol nodes exist. */
    static void tooltip(XYChart.Data<?, ?> point, String text) {
        if (point.getNode() != null) {
            Tooltip tip = new Tooltip(text);
            tip.setShowDelay(Duration.millis(100));
            Tooltip.install(point.getNode(), tip);
        }
    }
}
