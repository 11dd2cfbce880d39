package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.ChartSet;
import javafx.scene.chart.Chart;
import javafx.scene.chart.NumberAxis;

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

    /** The exact mix cost, with its range, at the 5% step nearest the mouse. */
    static String hover(ChartSet.HybridChart h, double percent) {
        int n = h.shares().length - 1;
        int i = (int) Math.max(0, Math.min(n, Math.round(percent / 100 * n)));
        return String.format(Locale.ROOT, "%.0f%% of requests to the API: %s/month (range %s–%s)",
                h.shares()[i] * 100, Fmt.usd(h.central()[i]), Fmt.usd(h.low()[i]), Fmt.usd(h.high()[i]));
    }

    @Override
    public void update(ChartSet set) {
        ChartSet.HybridChart h = set.hybrid();
        double[] pct = new double[h.shares().length];
        for (int i = 0; i < pct.length; i++) {
            pct[i] = h.shares()[i] * 100;
        }
        SeriesUpdater.update(chart, List.of(new SeriesUpdater.Line("Hybrid monthly cost", pct, h.central(), null)));
        chart.setHoverText(x -> hover(h, x));
        chart.setBands(List.of(new BandLineChart.BandData(pct, h.low(), h.high(), "band-hybrid")));
        chart.setMarkers(List.of(new BandLineChart.Marker(h.cheapestShare() * 100,
                String.format(Locale.ROOT, "cheapest: %.0f%% to API", h.cheapestShare() * 100), "cheapest-marker")));
    }
}
