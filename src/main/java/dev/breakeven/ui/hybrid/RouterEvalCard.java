package dev.breakeven.ui.hybrid;

import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The "Router, measured" card: precision and recall, the share-to-API curve with costs, and the labelled set. */
final class RouterEvalCard {
    private final RouterEvalViewModel model;
    private final LineChart<String, Number> chart = new LineChart<>(new CategoryAxis(), new NumberAxis(0, 100, 10));

    RouterEvalCard(RouterEvalViewModel model) {
        this.model = model;
    }

    Node build() {
        Label heading = new Label("The router, measured");
        heading.getStyleClass().add("section-title");
        Label summary = new Label();
        summary.setId("hybrid-eval-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());

        chart.setId("hybrid-eval-chart");
        chart.setTitle("Share sent to the API, precision and recall by local token limit");
        chart.getXAxis().setLabel("Longest prompt kept local (tokens)");
        chart.getYAxis().setLabel("%");
        chart.setAnimated(false);
        chart.setPrefHeight(260);
        model.rows().subscribe(this::draw);

        TableView<RouterEvalViewModel.Row> table = new TableView<>(model.rows());
        table.setId("hybrid-eval-table");
        table.setPrefHeight(200);
        table.getColumns().setAll(List.of(
                column("Local limit", RouterEvalViewModel.Row::limitText),
                column("To API", r -> pct(r.apiShare())),
                column("Precision", r -> pct(r.precision())),
                column("Recall", r -> pct(r.recall())),
                column("Mix $/month", r -> r.monthlyUsd() == null ? "–" : String.format(Locale.ROOT, "%,.0f", r.monthlyUsd())),
                column("", RouterEvalViewModel.Row::note)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        Label studies = new Label(model.publishedStudies());
        studies.setId("hybrid-eval-studies");
        studies.getStyleClass().add("muted");
        studies.setWrapText(true);

        TableView<RouterEvalViewModel.LabelledRow> set = new TableView<>(model.labelled());
        set.setId("hybrid-eval-set");
        set.setPrefHeight(260);
        set.getColumns().setAll(List.of(
                column("Category", RouterEvalViewModel.LabelledRow::category),
                column("Label", RouterEvalViewModel.LabelledRow::label),
                column("Routed", RouterEvalViewModel.LabelledRow::route),
                column("Prompt", RouterEvalViewModel.LabelledRow::prompt),
                column("Why this label", RouterEvalViewModel.LabelledRow::reason)));
        TitledPane setPane = new TitledPane("The labelled set (" + model.set().prompts().size() + " prompts, labelled "
                + model.set().labelledOn() + "; how: docs/hybrid.md)", set);
        setPane.setExpanded(false);

        VBox box = new VBox(10, heading, summary, chart, table, studies, setPane);
        box.getStyleClass().add("card");
        return box;
    }

    private void draw() {
        XYChart.Series<String, Number> share = new XYChart.Series<>();
        share.setName("Sent to the API");
        XYChart.Series<String, Number> precision = new XYChart.Series<>();
        precision.setName("Precision");
        XYChart.Series<String, Number> recall = new XYChart.Series<>();
        recall.setName("Recall");
        for (RouterEvalViewModel.Row r : model.rows()) {
            share.getData().add(new XYChart.Data<>(r.limitText(), r.apiShare() * 100));
            precision.getData().add(new XYChart.Data<>(r.limitText(), r.precision() * 100));
            recall.getData().add(new XYChart.Data<>(r.limitText(), r.recall() * 100));
        }
        chart.getData().setAll(List.of(share, precision, recall));
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }
}
