package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.Band;
import dev.breakeven.core.cost.ChartSet;
import javafx.scene.chart.Chart;
import javafx.scene.chart.NumberAxis;

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

    /** Exact cumulative figures, with their ranges, for the month nearest the mouse. */
    static String hover(ChartSet.CumulativeChart c, double month) {
        int m = (int) Math.max(0, Math.min(c.months(), Math.round(month)));
        return "Month " + m + ", spent so far:\n  API: " + Fmt.usd(c.apiCentral()[m]) + " (range "
                + Fmt.usd(c.apiLow()[m]) + "–" + Fmt.usd(c.apiHigh()[m]) + ")\n  Local: " + Fmt.usd(c.localCentral()[m])
                + " (range " + Fmt.usd(c.localLow()[m]) + "–" + Fmt.usd(c.localHigh()[m]) + ")\nPayback: "
                + Fmt.monthsBand(c.paybackMonths());
    }

    @Override
    public void update(ChartSet set) {
        ChartSet.CumulativeChart c = set.cumulative();
        int n = c.months() + 1;
        double[] months = new double[n];
        for (int m = 0; m < n; m++) {
            months[m] = m;
        }
        SeriesUpdater.update(chart, List.of(
                new SeriesUpdater.Line("API", months, c.apiCentral(), null),
                new SeriesUpdater.Line("Local (hardware + power)", months, c.localCentral(), null)));
        chart.setHoverText(x -> hover(c, x));
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
    }

}
