package dev.breakeven.ui.cost;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

import java.util.ArrayList;
import java.util.List;

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

    BandLineChart(NumberAxis x, NumberAxis y) {
        super(x, y);
        setAnimated(false);
        setCreateSymbols(true);
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
        for (Marker marker : markers) {
            double px = xAxis.getDisplayPosition(marker.x());
            if (px < 0 || px > xAxis.getWidth()) {
                continue;
            }
            Line line = new Line(px, top, px, bottom);
            line.getStyleClass().addAll("chart-marker", marker.styleClass());
            Label label = new Label(marker.text());
            label.getStyleClass().addAll("chart-marker-label", marker.styleClass());
            label.relocate(px + 4, top + 2);
            label.setMouseTransparent(true);
            extras.add(line);
            extras.add(label);
        }
        getPlotChildren().addAll(0, extras);
        super.layoutPlotChildren();
    }
}
