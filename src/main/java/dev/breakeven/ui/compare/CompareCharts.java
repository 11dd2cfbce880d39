package dev.breakeven.ui.compare;

import dev.breakeven.core.compare.OptionResult;
import dev.breakeven.core.compare.ValueScatter;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;

import java.util.List;
import java.util.Locale;

/** The page's two charts: value against VRAM over the catalog, and cumulative cost per option and the API. */
final class CompareCharts {
    private final ScatterChart<Number, Number> value;
    private final LineChart<Number, Number> cumulative;

    CompareCharts() {
        NumberAxis vram = new NumberAxis();
        vram.setLabel("VRAM (GiB)");
        NumberAxis perDollar = new NumberAxis();
        perDollar.setLabel("decode tok/s per $1000");
        value = new ScatterChart<>(vram, perDollar);
        value.setId("compare-value-chart");
        value.setTitle("Speed per dollar against VRAM (whole catalog, launch prices)");
        value.setAnimated(false);
        value.setPrefSize(385, 300);

        NumberAxis months = new NumberAxis(0, 36, 6);
        months.setLabel("months");
        NumberAxis usd = new NumberAxis();
        usd.setLabel("cumulative $");
        cumulative = new LineChart<>(months, usd);
        cumulative.setId("compare-cumulative-chart");
        cumulative.setTitle("Cash out over 36 months");
        cumulative.setCreateSymbols(false);
        cumulative.setAnimated(false);
        cumulative.setPrefSize(385, 300);
    }

    ScatterChart<Number, Number> valueChart() {
        return value;
    }

    LineChart<Number, Number> cumulativeChart() {
        return cumulative;
    }

    void show(CompareViewModel.Result r) {
        XYChart.Series<Number, Number> catalog = new XYChart.Series<>();
        catalog.setName("catalog");
        XYChart.Series<Number, Number> chosen = new XYChart.Series<>();
        chosen.setName("your options");
        for (ValueScatter.Point p : r.scatter()) {
            XYChart.Data<Number, Number> d = new XYChart.Data<>(p.vramGiB(), p.tokPerSecPerKiloUsd());
            (r.chosenIds().contains(p.id()) ? chosen : catalog).getData().add(d);
            d.nodeProperty().addListener((o, a, node) -> {
                if (node != null) {
                    Tooltip.install(node, new Tooltip(String.format(Locale.ROOT, "%s: %.0f GiB, %.1f tok/s per $1000",
                            p.label(), p.vramGiB(), p.tokPerSecPerKiloUsd())));
                }
            });
        }
        value.getData().setAll(List.of(catalog, chosen));

        List<XYChart.Series<Number, Number>> lines = new java.util.ArrayList<>();
        lines.add(series(r.comparison().request().apiName(), r.apiCumulativeUsd()));
        for (OptionResult o : r.comparison().options()) {
            if (o.cumulativeUsd() != null) {
                lines.add(series(o.label(), o.cumulativeUsd()));
            }
        }
        cumulative.getData().setAll(lines);
    }

    private static XYChart.Series<Number, Number> series(String name, double[] usd) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (int m = 0; m < usd.length; m++) {
            s.getData().add(new XYChart.Data<>(m, usd[m]));
        }
        return s;
    }
}
