package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.ChartSet;
import javafx.scene.chart.Chart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

import java.util.List;
import java.util.Locale;

/** Panel 3: monthly cost against the share of requests routed to the API, with the range band and the cheapest mix. */
final class HybridChartPanel implements ChartPanel {
    private final NumberAxis x = new NumberAxis(0, 100, 10);
    private final NumberAxis y = new NumberAxis();
    private final BandLineChart chart = new BandLineChart(x, y);

    HybridChartPanel() {
        x.setLabel("Share of requests sent to the API (%)");
        y.setLabel("US$ per month");
        chart.setTitle(title());
        chart.setId("chart-hybrid");
    }

    @Override
    public String title() {
        return "Hybrid: cost by share routed to the API";
    }

    @Override
    public Chart chart() {
        return chart;
    }

    @Override
    public void update(ChartSet set) {
        ChartSet.HybridChart h = set.hybrid();
        double[] pct = new double[h.shares().length];
        for (int i = 0; i < pct.length; i++) {
            pct[i] = h.shares()[i] * 100;
        }
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName("Hybrid monthly cost");
        for (int i = 0; i < pct.length; i++) {
            s.getData().add(new XYChart.Data<>(pct[i], h.central()[i]));
        }
        chart.getData().setAll(List.of(s));
        chart.setBands(List.of(new BandLineChart.BandData(pct, h.low(), h.high(), "band-hybrid")));
        chart.setMarkers(List.of(new BandLineChart.Marker(h.cheapestShare() * 100,
                String.format(Locale.ROOT, "cheapest: %.0f%% to API", h.cheapestShare() * 100), "cheapest-marker")));
        for (int i = 0; i < pct.length; i++) {
            ChartPanel.tooltip(s.getData().get(i), String.format(Locale.ROOT, "%.0f%% to the API: %s/month (range %s–%s)",
                    pct[i], Fmt.usd(h.central()[i]), Fmt.usd(h.low()[i]), Fmt.usd(h.high()[i])));
        }
    }
}
