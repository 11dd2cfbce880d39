package dev.breakeven.ui.cost;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A line chart that can also shade bands (low–high between curves) and draw labelled vertical markers,
 * which JavaFX's charts do not offer. Bands and markers are laid out in plot coordinates with the axes.
 */
final class BandLineChart extends LineChart<Number, Number> {

    record BandData(double[] x, double[] low, double[] high, String styleClass) {
    }

    record Marker(double x, String text, String styleClass) {
    }

    private final List<BandData> bands = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final List<javafx.scene.Node> extras = new ArrayList<>();

    private final Tooltip hoverTip = new Tooltip();
    private DoubleFunction<String> hoverText;

    /**
     * No point symbols: hundreds of symbol nodes made every redraw slow. One tooltip on the chart shows the exact
     * values at the x under the mouse instead.
     */
    BandLineChart(NumberAxis x, NumberAxis y) {
        super(x, y);
        setAnimated(false);
        setCreateSymbols(false);
        setHorizontalZeroLineVisible(false);
        hoverTip.setShowDelay(Duration.millis(50));
        hoverTip.setHideDelay(Duration.ZERO);
        setOnMouseMoved(e -> {
            if (hoverText != null) {
                double px = x.sceneToLocal(e.getSceneX(), e.getSceneY()).getX();
                hoverTip.setText(hoverText.apply(x.getValueForDisplay(px).doubleValue()));
            }
        });
    }

    /** Sets what the tooltip says for an x value; exact figures, not read off the picture. */
    void setHoverText(DoubleFunction<String> text) {
        hoverText = text;
        if (text == null) {
            Tooltip.uninstall(this, hoverTip);
        } else {
            Tooltip.install(this, hoverTip);
        }
    }

    String hoverTextAt(double x) {
        return hoverText == null ? "" : hoverText.apply(x);
    }

    void setBands(List<BandData> newBands) {
        bands.clear();
        bands.addAll(newBands);
        requestChartLayout();
    }

    void setMarkers(List<Marker> newMarkers) {
        markers.clear();
        markers.addAll(newMarkers);
        requestChartLayout();
    }

    @Override
    protected void layoutPlotChildren() {
        getPlotChildren().removeAll(extras);
        extras.clear();
        NumberAxis xAxis = (NumberAxis) getXAxis();
        NumberAxis yAxis = (NumberAxis) getYAxis();
        for (BandData band : bands) {
            Polygon polygon = new Polygon();
            for (int i = 0; i < band.x().length; i++) {
                polygon.getPoints().addAll(xAxis.getDisplayPosition(band.x()[i]), yAxis.getDisplayPosition(band.high()[i]));
            }
            for (int i = band.x().length - 1; i >= 0; i--) {
                polygon.getPoints().addAll(xAxis.getDisplayPosition(band.x()[i]), yAxis.getDisplayPosition(band.low()[i]));
            }
            polygon.getStyleClass().addAll("chart-band", band.styleClass());
            polygon.setMouseTransparent(true);
            extras.add(polygon);
        }
        double top = 0;
        double bottom = yAxis.getHeight();
        int index = 0;
        for (Marker marker : markers) {
            double px = xAxis.getDisplayPosition(marker.x());
            if (px < 0 || px > xAxis.getWidth()) {
                continue;
            }
            Line line = new Line(px, top, px, bottom);
            line.getStyleClass().addAll("chart-marker", marker.styleClass());
            // A Text, not a Label: plot children get no layout pass, so a Label would stay 0 × 0.
            Text label = new Text(marker.text());
            label.getStyleClass().addAll("chart-marker-label", marker.styleClass());
            label.setTextOrigin(javafx.geometry.VPos.TOP);
            double width = label.getLayoutBounds().getWidth();
            double lx = Math.max(0, px + 4 + width > xAxis.getWidth() ? px - 4 - width : px + 4);
            label.relocate(lx, top + 2 + 14 * index++);
            label.setMouseTransparent(true);
            extras.add(line);
            extras.add(label);
        }
        getPlotChildren().addAll(0, extras);
        super.layoutPlotChildren();
    }
}
