package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.ChartSet;
import javafx.scene.chart.Chart;
import javafx.scene.chart.NumberAxis;
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
        x.setLabel("Tokens per month (log)");
        y.setLabel("US$/month (log)");
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
        List<SeriesUpdater.Line> lines = new ArrayList<>();
        lines.add(line(v.local().name(), lx, v.local().usd()));
        for (ChartSet.Curve c : v.apiCurves()) {
            lines.add(line(c.name(), lx, c.usd()));
        }
        // From a cent (or the cheapest point) to the dearest point, in whole decades.
        double min = Double.POSITIVE_INFINITY;
        double max = FLOOR;
        for (SeriesUpdater.Line l : lines) {
            for (double y : l.y()) {
                min = Math.min(min, y);
                max = Math.max(max, y);
            }
        }
        y.setLowerBound(Math.max(FLOOR, Math.floor(min)));
        y.setUpperBound(Math.max(y.getLowerBound() + 1, Math.ceil(max)));
        SeriesUpdater.update(chart, lines);
        List<BandLineChart.Marker> markers = new ArrayList<>();
        if (v.currentVolume() > 0) {
            markers.add(new BandLineChart.Marker(Math.log10(v.currentVolume()),
                    "this workload: " + Fmt.tokens(v.currentVolume()), "current-marker"));
        }
        for (ChartSet.Crossing c : v.crossings()) {
            markers.add(new BandLineChart.Marker(Math.log10(c.tokensPerMonth()),
                    "× " + Fmt.tokens(c.tokensPerMonth()), "crossing-marker"));
        }
        chart.setMarkers(markers);
        chart.setHoverText(at -> hover(v, at));
    }

    /** Every curve's exact cost at the sampled volume nearest the mouse, and the crossings. */
    static String hover(ChartSet.VolumeChart v, double log10Volume) {
        double[] lx = v.log10Volume();
        double step = lx[1] - lx[0];
        int i = (int) Math.max(0, Math.min(lx.length - 1, Math.round((log10Volume - lx[0]) / step)));
        StringBuilder text = new StringBuilder("At ").append(volume(Math.pow(10, lx[i]))).append(":\n");
        text.append("  ").append(v.local().name()).append(": ").append(Fmt.usd(v.local().usd()[i])).append("/month\n");
        for (ChartSet.Curve c : v.apiCurves()) {
            text.append("  ").append(c.name()).append(": ").append(Fmt.usd(c.usd()[i])).append("/month\n");
        }
        for (ChartSet.Crossing c : v.crossings()) {
            text.append(c.apiName()).append(" costs the same as local at ").append(volume(c.tokensPerMonth()))
                    .append(", ").append(Fmt.usd(c.usd())).append("/month\n");
        }
        return text.toString().strip();
    }

    private static SeriesUpdater.Line line(String name, double[] lx, double[] usd) {
        double[] ly = new double[usd.length];
        for (int i = 0; i < usd.length; i++) {
            ly[i] = log(usd[i]);
        }
        return new SeriesUpdater.Line(name, lx, ly, null);
    }

    private static String volume(double tokens) {
        return Fmt.tokens(tokens) + " tokens/month (" + String.format(java.util.Locale.ROOT, "%,.0f", tokens) + ")";
    }

    /** log10 of a cost, with costs under a cent drawn at a cent so free curves stay on the chart. */
    static double log(double usd) {
        return Math.log10(Math.max(usd, Math.pow(10, FLOOR)));
    }

}
