package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.Band;
import dev.breakeven.core.cost.ChartSet;
import javafx.scene.chart.Chart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.List;

/** Panel 2: cash spent by month over three years each way, the payback month marked, the range bands shaded. */
final class CumulativeChartPanel implements ChartPanel {
    private final NumberAxis x = new NumberAxis(0, 36, 6);
    private final NumberAxis y = new NumberAxis();
    private final BandLineChart chart = new BandLineChart(x, y);

    CumulativeChartPanel() {
        x.setLabel("Month");
        y.setLabel("Cumulative US$");
        chart.setTitle(title());
        chart.setId("chart-cumulative");
    }

    @Override
    public String title() {
        return "Cumulative cost over 36 months";
    }

    @Override
    public Chart chart() {
        return chart;
    }

    @Override
    public void update(ChartSet set) {
        ChartSet.CumulativeChart c = set.cumulative();
        int n = c.months() + 1;
        double[] months = new double[n];
        for (int m = 0; m < n; m++) {
            months[m] = m;
        }
        XYChart.Series<Number, Number> api = series("API", months, c.apiCentral());
        XYChart.Series<Number, Number> local = series("Local (hardware + power)", months, c.localCentral());
        chart.getData().setAll(List.of(api, local));
        chart.setBands(List.of(
                new BandLineChart.BandData(months, c.apiLow(), c.apiHigh(), "band-api"),
                new BandLineChart.BandData(months, c.localLow(), c.localHigh(), "band-local")));
        Band payback = c.paybackMonths();
        List<BandLineChart.Marker> markers = new ArrayList<>();
        if (!payback.centralIsNever() && payback.central() <= c.months()) {
            markers.add(new BandLineChart.Marker(payback.central(), "payback " + Fmt.shortMonths(payback.central())
                    + " mo", "payback-marker"));
        }
        chart.setMarkers(markers);
        for (XYChart.Series<Number, Number> s : List.of(api, local)) {
            for (XYChart.Data<Number, Number> d : s.getData()) {
                ChartPanel.tooltip(d, s.getName() + ", month " + d.getXValue().intValue() + ": "
                        + Fmt.usd(d.getYValue().doubleValue()) + " spent so far");
            }
        }
    }

    private static XYChart.Series<Number, Number> series(String name, double[] x, double[] y) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (int i = 0; i < x.length; i++) {
            s.getData().add(new XYChart.Data<>(x[i], y[i]));
        }
        return s;
    }
}
