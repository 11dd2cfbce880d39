package dev.breakeven.ui.compare;

import dev.breakeven.ui.shell.Theme;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** "Cash out over 36 months": each legend entry has its line's colour, in the light and the dark theme. */
@ExtendWith(ApplicationExtension.class)
class CompareLegendTest {
    private LineChart<Number, Number> chart;
    private StackPane root;

    @Start
    void start(Stage stage) {
        chart = new LineChart<>(new NumberAxis(), new NumberAxis());
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        for (int i = 0; i < 5; i++) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName("option " + i);
            s.getData().addAll(new XYChart.Data<>(0, i), new XYChart.Data<>(36, 10 + i));
            chart.getData().add(s);
        }
        root = new StackPane(chart);
        Theme.LIGHT.applyTo(root);
        root.getStylesheets().add(ComparePage.class.getResource("compare.css").toExternalForm());
        stage.setScene(new Scene(root, 800, 500));
        stage.show();
    }

    @Test
    void chartTitlesWrapInsteadOfBeingCutAtTheirWidthOnA1280PxWindow(FxRobot robot) {
        CompareCharts charts = new CompareCharts();
        robot.interact(() -> {
            javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(charts.valueChart(), charts.cumulativeChart());
            root.getChildren().setAll(row);
            root.applyCss();
            root.layout();
        });
        for (Node chartNode : List.<Node>of(charts.valueChart(), charts.cumulativeChart())) {
            javafx.scene.control.Label title = (javafx.scene.control.Label) chartNode.lookup(".chart-title");
            assertThat(title.getWidth()).isLessThanOrEqualTo(((Region) chartNode).getWidth());
            assertThat(title.isTextTruncated()).as(title.getText()).isFalse();
        }
        assertThat(((NumberAxis) charts.valueChart().getXAxis()).getLabel()).isEqualTo("VRAM (GiB)");
    }

    @Test
    void legendSymbolsHaveTheirLinesColours(FxRobot robot) {
        for (Theme theme : Theme.values()) {
            robot.interact(() -> {
                theme.applyTo(root);
                root.applyCss();
                root.layout();
            });
            List<Paint> lines = new ArrayList<>();
            List<Paint> symbols = new ArrayList<>();
            for (XYChart.Series<Number, Number> s : chart.getData()) {
                lines.add(((Path) s.getNode()).getStroke());
            }
            for (Node n : chart.lookupAll(".chart-legend-item-symbol")) {
                symbols.add(((Region) n).getBackground().getFills().getFirst().getFill());
            }
            assertThat(symbols).as(theme + " theme").containsExactlyElementsOf(lines);
        }
    }
}
