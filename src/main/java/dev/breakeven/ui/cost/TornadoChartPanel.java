package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.ChartSet;
import dev.breakeven.core.cost.RangeText;
import dev.breakeven.core.cost.Tornado;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.Chart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

import java.util.List;

/**
 * Panel 4: the tornado. One row per ranged input; the bars show how far payback moves (in months, from its
 * central value) when that input alone goes to its low or high end. Widest swing on top; "never" is drawn at
 * {@link Tornado#CAP_MONTHS}.
 */
final class TornadoChartPanel implements ChartPanel {
    private final NumberAxis x = new NumberAxis();
    private final CategoryAxis y = new CategoryAxis();
    private final BarChart<Number, String> chart = new BarChart<>(x, y);

    TornadoChartPanel() {
        x.setLabel("Change in payback (months) from the central case");
        chart.setTitle(title());
        chart.setAnimated(false);
        chart.setBarGap(0);
        chart.setCategoryGap(6);
        chart.setId("chart-tornado");
    }

    @Override
    public String title() {
        return "Sensitivity: what moves payback most";
    }

    @Override
    public Chart chart() {
        return chart;
    }

    @Override
    public void update(ChartSet set) {
        List<Tornado.Bar> bars = set.tornado().reversed();
        XYChart.Series<Number, String> low = new XYChart.Series<>();
        low.setName("input at its low end");
        XYChart.Series<Number, String> high = new XYChart.Series<>();
        high.setName("input at its high end");
        for (Tornado.Bar bar : bars) {
            String name = bar.input().label();
            low.getData().add(new XYChart.Data<>(bar.lowCapped() - bar.centralPayback(), name));
            high.getData().add(new XYChart.Data<>(bar.highCapped() - bar.centralPayback(), name));
        }
        chart.getData().setAll(List.of(low, high));
        for (int i = 0; i < bars.size(); i++) {
            Tornado.Bar bar = bars.get(i);
            String unit = " " + bar.input().unit();
            SeriesUpdater.tip(low.getData().get(i), bar.input().label() + " at " + RangeText.format(bar.lowValue())
                    + unit + ": payback " + Fmt.months(orNever(bar.paybackAtLow())));
            SeriesUpdater.tip(high.getData().get(i), bar.input().label() + " at " + RangeText.format(bar.highValue())
                    + unit + ": payback " + Fmt.months(orNever(bar.paybackAtHigh())));
        }
    }

    private static double orNever(Double months) {
        return months == null ? Double.POSITIVE_INFINITY : months;
    }
}
