package dev.breakeven.ui.chat;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import static dev.breakeven.ui.common.Labels.muted;

/** Live figures of the answer: tok/s and watts gauges, a tok/s sparkline, TTFT, energy and cost. */
final class MetricsPanel extends VBox {
    private static final double TILE_WIDTH = 210;

    MetricsPanel(LiveMetrics m) {
        super(8);
        getStyleClass().addAll("card", "chat-metrics");
        Label title = new Label("This answer");
        title.getStyleClass().add("section-title");

        Tile rate = TileBuilder.create().skinType(Tile.SkinType.GAUGE).title("Decode").unit("tok/s")
                .minValue(0).maxValue(50).decimals(1).animated(false).prefSize(TILE_WIDTH, 150).build();
        rate.setId("gauge-rate");
        m.decodeTokPerSec.addListener((obs, old, now) -> {
            rate.setMaxValue(niceCeiling(Math.max(rate.getMaxValue(), now.doubleValue() * 1.2)));
            rate.setValue(now.doubleValue());
        });
        Tile watts = TileBuilder.create().skinType(Tile.SkinType.GAUGE).title("Power").unit("W")
                .minValue(0).maxValue(100).decimals(0).animated(false).prefSize(TILE_WIDTH, 150).build();
        m.watts.addListener((obs, old, now) -> {
            watts.setMaxValue(niceCeiling(Math.max(watts.getMaxValue(), now.doubleValue() * 1.2)));
            watts.setValue(now.doubleValue());
        });
        Tile spark = TileBuilder.create().skinType(Tile.SkinType.SPARK_LINE).title("tok/s over the answer")
                .unit("tok/s").decimals(1).animated(false).averagingPeriod(40).prefSize(TILE_WIDTH, 110).build();
        m.onRateSample(value -> {
            // the tile's maximum defaults to 100 and clamps the line: grow it with the rate, like the gauge
            spark.setMaxValue(niceCeiling(Math.max(spark.getMaxValue(), value * 1.2)));
            spark.setValue(value);
        });
        spark.setId("spark-rate");

        Label rateText = value(m.rateText.get());
        rateText.setId("chat-rate");
        rateText.textProperty().bind(m.rateText);
        GridPane figures = new GridPane(8, 4);
        row(figures, 0, "Time to first token", m.ttft);
        row(figures, 1, "Prompt", m.promptRate);
        Label tokens = value("");
        tokens.textProperty().bind(m.genTokens.asString());
        figures.addRow(2, muted("Tokens"), tokens);
        row(figures, 3, "Energy", m.energy);
        row(figures, 4, "Electricity", m.cost);
        row(figures, 5, "Same via API", m.apiCost);
        Label source = new Label();
        source.textProperty().bind(m.powerLabel.map(l -> "Power: " + l));
        m.powerMeasured.addListener((obs, old, now) -> {
            source.getStyleClass().removeAll("source-measured", "source-estimated");
            if (now != null) {
                source.getStyleClass().add(now ? "source-measured" : "source-estimated");
            }
        });
        getChildren().addAll(title, rateText, rate, spark, watts, figures, source);
    }

    private static void row(GridPane grid, int row, String name, javafx.beans.value.ObservableStringValue value) {
        Label label = value("");
        label.textProperty().bind(value);
        label.setWrapText(true);
        grid.addRow(row, muted(name), label);
    }

    private static Label value(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("chat-metric-value");
        return label;
    }

    /** 1, 2 or 5 times a power of ten at or above the value, so the gauge scale stays readable. */
    static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1))));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
