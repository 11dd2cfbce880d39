package dev.breakeven.ui.cost;

import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Puts new numbers into a chart's existing series and points when the shape is unchanged (same series names and
 * point counts), instead of building new series, symbols and tooltips on every keystroke; rebuilds otherwise.
 */
final class SeriesUpdater {
    private static final String TIP = "breakeven.tooltip";

    private SeriesUpdater() {
    }

    /** One series: its name, its points and the tooltip text for point i (null: no per-point tooltips). */
    record Line(String name, double[] x, double[] y, IntFunction<String> tip) {
    }

    static void update(XYChart<Number, Number> chart, List<Line> lines) {
        if (sameShape(chart, lines)) {
            for (int s = 0; s < lines.size(); s++) {
                Line line = lines.get(s);
                List<XYChart.Data<Number, Number>> points = chart.getData().get(s).getData();
                for (int i = 0; i < line.x().length; i++) {
                    XYChart.Data<Number, Number> d = points.get(i);
                    d.setXValue(line.x()[i]);
                    d.setYValue(line.y()[i]);
                    if (line.tip() != null) {
                        tip(d, line.tip().apply(i));
                    }
                }
            }
            return;
        }
        List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        for (Line line : lines) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(line.name());
            for (int i = 0; i < line.x().length; i++) {
                s.getData().add(new XYChart.Data<>(line.x()[i], line.y()[i]));
            }
            series.add(s);
        }
        chart.getData().setAll(series);
        for (int s = 0; s < lines.size(); s++) {
            List<XYChart.Data<Number, Number>> points = series.get(s).getData();
            for (int i = 0; i < points.size() && lines.get(s).tip() != null; i++) {
                tip(points.get(i), lines.get(s).tip().apply(i));
            }
        }
    }

    private static boolean sameShape(XYChart<Number, Number> chart, List<Line> lines) {
        if (chart.getData().size() != lines.size()) {
            return false;
        }
        for (int s = 0; s < lines.size(); s++) {
            XYChart.Series<Number, Number> series = chart.getData().get(s);
            if (!lines.get(s).name().equals(series.getName()) || series.getData().size() != lines.get(s).x().length) {
                return false;
            }
        }
        return true;
    }

    /** Installs one tooltip per symbol and afterwards only changes its text. */
    static void tip(XYChart.Data<?, ?> point, String text) {
        Node node = point.getNode();
        if (node == null) {
            return;
        }
        if (node.getProperties().get(TIP) instanceof Tooltip existing) {
            existing.setText(text);
            return;
        }
        Tooltip tip = new Tooltip(text);
        tip.setShowDelay(Duration.millis(100));
        Tooltip.install(node, tip);
        node.getProperties().put(TIP, tip);
    }
}
