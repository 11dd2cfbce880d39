package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.ChartSet;
import javafx.scene.chart.Chart;

/** One of the four chart panels: it redraws from a {@link ChartSet} and exposes its chart for PNG export. */
interface ChartPanel {
    String title();

    Chart chart();

    void update(ChartSet charts);

}
