package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.ChartSet;
import javafx.scene.chart.Chart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;

/**
 * Panel 1: monthly cost against monthly token volume, both on log scales. JavaFX has no log axis, so the chart
 * plots log10(volume) and log10(cost) on linear axes with tick labels written back as volumes and dollars.
 * On log–log axes an API price is a straight line of slope 1 and the local curve is flat (fixed costs) until power
 * and extra rigs lift it, so the crossings (marked) read at a glance.
 */
final class VolumeChartPanel implements ChartPanel {
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final BandLineChart chart = new BandLineChart(x, y);
    /** One cent: the bottom of the cost axis. */
    private static final double FLOOR = -2;

    VolumeChartPanel() {
        x.setLabel("Tokens per month (log scale)");
        y.setLabel("US$ per month (log scale)");
        y.setAutoRanging(false);
        y.setTickUnit(1);
        y.setMinorTickCount(0);
        y.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return Fmt.usd(Math.pow(10, n.doubleValue())).replace(".00", "");
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        x.setAutoRanging(false);
        x.setTickUnit(1);
        x.setMinorTickCount(0);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return Fmt.tokens(Math.pow(10, n.doubleValue()));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        chart.setTitle(title());
        chart.getStyleClass().add("volume-chart");
        chart.setId("chart-volume");
    }

    @Override
    public String title() {
        return "Monthly cost by volume";
    }

    @Override
    public Chart chart() {
        return chart;
    }

    @Override
    public void update(ChartSet set) {
        ChartSet.VolumeChart v = set.volume();
        double[] lx = v.log10Volume();
        x.setLowerBound(lx[0]);
        x.setUpperBound(lx[lx.length - 1]);
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        XYChart.Series<Number, Number> local = series(v.local().name(), lx, v.local().usd());
        all.add(local);
        for (ChartSet.Curve c : v.apiCurves()) {
            all.add(series(c.name(), lx, c.usd()));
        }
        XYChart.Series<Number, Number> crossings = new XYChart.Series<>();
        crossings.setName("Crossings");
        for (ChartSet.Crossing c : v.crossings()) {
            crossings.getData().add(new XYChart.Data<>(Math.log10(c.tokensPerMonth()), log(c.usd())));
        }
        all.add(crossings);
        // From a cent (or the cheapest point) to the dearest point, in whole decades.
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (XYChart.Series<Number, Number> s : all) {
            for (XYChart.Data<Number, Number> d : s.getData()) {
                min = Math.min(min, d.getYValue().doubleValue());
                max = Math.max(max, d.getYValue().doubleValue());
            }
        }
        y.setLowerBound(Math.max(FLOOR, Math.floor(min)));
        y.setUpperBound(Math.max(y.getLowerBound() + 1, Math.ceil(max)));
        chart.getData().setAll(all);
        chart.setMarkers(v.currentVolume() > 0
                ? List.of(new BandLineChart.Marker(Math.log10(v.currentVolume()),
                "this workload: " + Fmt.tokens(v.currentVolume()), "current-marker"))
                : List.of());
        for (XYChart.Series<Number, Number> s : all) {
            for (XYChart.Data<Number, Number> d : s.getData()) {
                double volume = Math.pow(10, d.getXValue().doubleValue());
                ChartPanel.tooltip(d, s.getName() + ": " + Fmt.usd(Math.pow(10, d.getYValue().doubleValue()))
                        + "/month at "
                        + Fmt.tokens(volume) + " tokens/month (" + String.format(java.util.Locale.ROOT, "%,.0f", volume)
                        + ")");
            }
        }
        crossings.getNode().getStyleClass().add("crossing-series");
    }

    /** log10 of a cost, with costs under a cent drawn at a cent so free curves stay on the chart. */
    static double log(double usd) {
        return Math.log10(Math.max(usd, Math.pow(10, FLOOR)));
    }

    private static XYChart.Series<Number, Number> series(String name, double[] x, double[] y) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (int i = 0; i < x.length; i++) {
            s.getData().add(new XYChart.Data<>(x[i], log(y[i])));
        }
        return s;
    }
}
