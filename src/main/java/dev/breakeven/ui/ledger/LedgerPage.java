package dev.breakeven.ui.ledger;

import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.ledger.Ledger;
import dev.breakeven.core.ledger.LedgerPeriod;
import dev.breakeven.ui.shell.Page;
import dev.breakeven.ui.shell.PageId;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** What local has saved: per month, the same tokens on an API against the electricity they took here. */
public final class LedgerPage implements Page {
    private final LedgerViewModel model;
    private final VBox root = new VBox(12);
    private final BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());

    public LedgerPage(LedgerViewModel model) {
        this.model = model;
        root.getStyleClass().addAll("page", "ledger-page");
        Label title = new Label(PageId.LEDGER.title());
        title.getStyleClass().add("page-title");
        ComboBox<ApiPrice> api = new ComboBox<>(model.apis);
        api.setId("ledger-api");
        api.setConverter(new StringConverter<>() {
            @Override
            public String toString(ApiPrice price) {
                return price == null ? "" : price.name();
            }

            @Override
            public ApiPrice fromString(String text) {
                return null;
            }
        });
        api.valueProperty().bindBidirectional(model.api);
        HBox controls = new HBox(8, new Label("Same tokens on"), api);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label summary = new Label();
        summary.setId("ledger-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        Label amortisation = new Label();
        amortisation.setId("ledger-amortisation");
        amortisation.setWrapText(true);
        amortisation.getStyleClass().add("muted");
        amortisation.textProperty().bind(model.amortisationProperty());
        chart.setId("ledger-chart");
        chart.setTitle("Per month, US dollars");
        chart.setAnimated(false);
        chart.getXAxis().setLabel("month");
        model.reportProperty().addListener((obs, old, now) -> show(now));
        root.getChildren().addAll(title, controls, summary, amortisation, chart);
    }

    private void show(Ledger.Report report) {
        XYChart.Series<String, Number> apiSeries = new XYChart.Series<>();
        apiSeries.setName("on the API");
        XYChart.Series<String, Number> electricity = new XYChart.Series<>();
        electricity.setName("electricity here");
        XYChart.Series<String, Number> saved = new XYChart.Series<>();
        saved.setName("saved");
        for (LedgerPeriod month : report.months()) {
            apiSeries.getData().add(new XYChart.Data<>(month.period(), month.apiUsd()));
            electricity.getData().add(new XYChart.Data<>(month.period(), month.electricityUsd()));
            saved.getData().add(new XYChart.Data<>(month.period(), month.savedUsd()));
        }
        chart.getData().setAll(java.util.List.of(apiSeries, electricity, saved));
    }

    @Override
    public PageId id() {
        return PageId.LEDGER;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void onShow() {
        model.showFromCosts();
    }

    public LedgerViewModel model() {
        return model;
    }

    BarChart<String, Number> chart() {
        return chart;
    }
}
