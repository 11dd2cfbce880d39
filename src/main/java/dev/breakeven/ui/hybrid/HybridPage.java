package dev.breakeven.ui.hybrid;

import dev.breakeven.ui.common.TaskExecutor;
import dev.breakeven.core.cost.ChartSet;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.ui.shell.Page;
import dev.breakeven.ui.shell.PageId;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.List;

import static dev.breakeven.ui.common.Labels.section;
import static dev.breakeven.ui.common.Labels.muted;

/**
 * The Hybrid page: edit the routing rules, try a prompt and see where it goes and why, and route a sample of
 * prompts to see the share sent to the API and what the mix costs against all-local and all-API.
 */
public final class HybridPage implements Page {
    /** The slider covers the usual range; the field takes anything up to the rules' own limit. */
    static final int SLIDER_MAX_TOKENS = 8_000;

    private final HybridViewModel model;
    private final VBox root = new VBox(14);
    private final NumberAxis shareAxis = new NumberAxis(0, 100, 10);
    private final NumberAxis usdAxis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(shareAxis, usdAxis);
    /** Kept so the spinner's two-way binding to the int property is not collected. */
    private final ObjectProperty<Integer> tryTurns;

    private final HybridTools tools;
    private final RouterEvalViewModel eval;
    private final AskViewModel ask;
    private final DecisionGuideViewModel guide;
    private final PricesViewModel prices;

    public HybridPage(HybridViewModel model) {
        this(model, null);
    }

    /** @param tools the API, measurement and price sections' folders; null leaves those sections out */
    public HybridPage(HybridViewModel model, HybridTools tools) {
        this.model = model;
        this.tryTurns = model.tryTurnsProperty().asObject();
        this.tools = tools;
        this.eval = tools == null ? null : new RouterEvalViewModel(TaskExecutor.fx(tools.background()));
        this.ask = tools == null ? null : tools.ask(() -> model.rulesProperty().get(), TaskExecutor.fx(tools.background()));
        this.guide = tools == null ? null : tools.guide();
        this.prices = tools == null ? null : tools.prices(TaskExecutor.fx(tools.background()));
        build();
    }

    RouterEvalViewModel evalViewModel() {
        return eval;
    }

    AskViewModel askViewModel() {
        return ask;
    }

    DecisionGuideViewModel guideViewModel() {
        return guide;
    }

    PricesViewModel pricesViewModel() {
        return prices;
    }

    HybridViewModel viewModel() {
        return model;
    }

    @Override
    public PageId id() {
        return PageId.HYBRID;
    }

    @Override
    public Node root() {
        return root;
    }

    private void build() {
        root.getStyleClass().addAll("page", "hybrid-page");
        root.getStylesheets().add(HybridPage.class.getResource("hybrid.css").toExternalForm());
        Label title = new Label(PageId.HYBRID.title());
        title.getStyleClass().add("page-title");
        Label intro = new Label("Send the hard few requests to an API and the rest to the local model. A request goes "
                + "to the API when any rule below fires; see docs/hybrid.md for the defaults and why.");
        intro.getStyleClass().add("muted");
        intro.setWrapText(true);
        root.getChildren().addAll(title, intro, rulesCard(), tryCard(), sampleCard());
        if (tools != null) {
            root.getChildren().addAll(GuideAndPricesCards.guide(guide), new RouterEvalCard(eval).build(),
                    new AskCard(ask).build(), GuideAndPricesCards.prices(prices));
            eval.currentProperty().subscribe(p -> guide.costProperty().set(p == null ? null : p.mix()));
            model.rulesProperty().subscribe(r -> eval.evaluate(r, presetId()));
            model.presetProperty().subscribe(p -> eval.evaluate(model.rulesProperty().get(), presetId()));
        }
    }

    private String presetId() {
        return model.presetProperty().get() == null ? null : model.presetProperty().get().id();
    }

    private Node rulesCard() {
        Label heading = section("Rules");

        Slider slider = new Slider(0, SLIDER_MAX_TOKENS, 0);
        slider.setId("hybrid-max-tokens-slider");
        slider.setMajorTickUnit(1000);
        slider.setMinorTickCount(9);
        slider.setSnapToTicks(true);
        slider.setShowTickMarks(true);
        slider.setPrefWidth(260);
        TextField maxTokens = field("hybrid-max-tokens", 90);
        maxTokens.textProperty().bindBidirectional(model.maxTokensTextProperty());
        // The slider follows a valid field value inside its range and writes back whole hundreds when dragged.
        model.rulesProperty().addListener((o, a, b) -> followSlider(slider, b));
        followSlider(slider, model.rulesProperty().get());
        slider.valueProperty().addListener((o, a, b) -> {
            if (slider.isValueChanging() || slider.isFocused()) {
                model.maxTokensTextProperty().set(Integer.toString((int) Math.round(b.doubleValue())));
            }
        });
        Label tokensError = error("hybrid-max-tokens-error", model.maxTokensErrorProperty());

        TextField maxTurns = field("hybrid-max-turns", 90);
        maxTurns.textProperty().bindBidirectional(model.maxTurnsTextProperty());
        Label turnsError = error("hybrid-max-turns-error", model.maxTurnsErrorProperty());

        CheckBox code = new CheckBox("A fenced code block (``` or ~~~) sends the request to the API");
        code.setId("hybrid-code-blocks");
        code.selectedProperty().bindBidirectional(model.codeBlocksToApiProperty());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.addRow(0, new Label("Longest prompt kept local"), new HBox(8, slider, maxTokens, muted("tokens (0 = off)")));
        grid.add(tokensError, 1, 1);
        grid.addRow(2, new Label("Longest conversation kept local"), new HBox(8, maxTurns, muted("earlier messages (0 = off)")));
        grid.add(turnsError, 1, 3);
        grid.add(code, 0, 4, 2, 1);

        ListView<String> phraseList = new ListView<>(model.phrases());
        phraseList.setId("hybrid-phrases");
        phraseList.setPrefHeight(130);
        phraseList.setPrefWidth(260);
        TextField newPhrase = field("hybrid-new-phrase", 200);
        newPhrase.setPromptText("word or phrase");
        newPhrase.textProperty().bindBidirectional(model.newPhraseProperty());
        newPhrase.setOnAction(e -> model.addPhrase());
        Button add = new Button("Add");
        add.setId("hybrid-add-phrase");
        add.disableProperty().bind(model.newPhraseProperty().map(String::isBlank));
        add.setOnAction(e -> model.addPhrase());
        Button remove = new Button("Remove selected");
        remove.setId("hybrid-remove-phrase");
        remove.disableProperty().bind(phraseList.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> model.removePhrase(phraseList.getSelectionModel().getSelectedItem()));
        VBox phraseEditor = new VBox(6, new Label("Hard words and phrases (whole words, any case)"),
                new HBox(8, phraseList, new VBox(6, new HBox(6, newPhrase, add), remove)));

        Button save = new Button("Save rules");
        save.setId("hybrid-save");
        save.setOnAction(e -> model.save());
        Button reset = new Button("Reset to defaults");
        reset.setId("hybrid-reset");
        reset.setOnAction(e -> model.resetToDefaults());
        Label status = new Label();
        status.setId("hybrid-rules-status");
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        status.textProperty().bind(model.rulesStatusProperty());
        HBox actions = new HBox(8, save, reset, status);
        actions.setAlignment(Pos.CENTER_LEFT);

        return card(heading, grid, phraseEditor, actions);
    }

    private static void followSlider(Slider slider, RoutingRules rules) {
        if (rules != null && !slider.isValueChanging()) {
            slider.setValue(Math.min(SLIDER_MAX_TOKENS, rules.maxLocalPromptTokens()));
        }
    }

    private Node tryCard() {
        TextArea prompt = new TextArea();
        prompt.setId("hybrid-try-prompt");
        prompt.setPromptText("Type a prompt to see where it goes");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(3);
        prompt.textProperty().bindBidirectional(model.tryPromptProperty());

        Spinner<Integer> turns = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(0,
                RoutingRules.MAX_TURN_LIMIT, 0));
        turns.setId("hybrid-try-turns");
        turns.setEditable(true);
        turns.setPrefWidth(90);
        turns.getValueFactory().valueProperty().bindBidirectional(tryTurns);

        Label decision = new Label();
        decision.setId("hybrid-decision");
        decision.getStyleClass().add("hybrid-decision");
        decision.textProperty().bind(model.decisionLabel());
        model.decisionLabel().subscribe(label -> {
            decision.getStyleClass().removeAll("hybrid-api", "hybrid-local");
            decision.getStyleClass().add("API".equals(label) ? "hybrid-api" : "hybrid-local");
        });
        Label reasons = new Label();
        reasons.setId("hybrid-reasons");
        reasons.setWrapText(true);
        reasons.textProperty().bind(model.decisionReasons());
        HBox.setHgrow(reasons, Priority.ALWAYS);
        HBox result = new HBox(14, decision, reasons);
        result.setAlignment(Pos.TOP_LEFT);

        return card(section("Try a prompt"), prompt,
                new HBox(8, muted("Earlier messages in its conversation"), turns), result);
    }

    private Node sampleCard() {
        TextArea sample = new TextArea();
        sample.setId("hybrid-sample");
        sample.setPromptText("Paste prompts, one per line (or JSON lines: {\"prompt\": \"…\", \"turns\": 3})");
        sample.setPrefRowCount(6);
        sample.textProperty().bindBidirectional(model.sampleTextProperty());
        Button load = new Button("Load file…");
        load.setId("hybrid-load-sample");
        load.setOnAction(e -> chooseFile());
        ComboBox<HybridViewModel.PresetChoice> workload = new ComboBox<>(model.presets());
        workload.setId("hybrid-workload");
        workload.valueProperty().bindBidirectional(model.presetProperty());
        HBox controls = new HBox(8, load, muted("Workload for the cost"), workload);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label error = error("hybrid-sample-error", model.sampleErrorProperty());
        Label share = new Label();
        share.setId("hybrid-share");
        share.setWrapText(true);
        share.textProperty().bind(model.shareTextProperty());
        Label cost = new Label();
        cost.setId("hybrid-cost");
        cost.setWrapText(true);
        cost.textProperty().bind(model.costTextProperty());

        shareAxis.setLabel("Share of the workload sent to the API (%)");
        usdAxis.setLabel("US$ per month");
        chart.setId("hybrid-chart");
        chart.setTitle("Monthly cost by share sent to the API");
        chart.setCreateSymbols(true);
        chart.setAnimated(false);
        chart.setPrefHeight(280);
        model.outcomeProperty().subscribe(this::drawChart);

        return card(section("Sample of prompts"), sample, controls, error, share, cost, chart);
    }

    private void drawChart(HybridViewModel.SampleOutcome o) {
        if (o == null) {
            chart.getData().clear();
            return;
        }
        ChartSet.HybridChart h = o.curve();
        XYChart.Series<Number, Number> curve = new XYChart.Series<>();
        curve.setName("Monthly cost (workload's central case)");
        for (int i = 0; i < h.shares().length; i++) {
            curve.getData().add(new XYChart.Data<>(h.shares()[i] * 100, h.central()[i]));
        }
        XYChart.Series<Number, Number> mine = new XYChart.Series<>();
        mine.setName("These rules on this sample");
        if (o.result().requests() > 0) {
            mine.getData().add(new XYChart.Data<>(o.cost().apiShare() * 100, o.cost().mixMonthlyUsd()));
        }
        chart.getData().setAll(List.of(curve, mine));
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Prompts, one per line");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Text or JSON lines", "*.txt", "*.jsonl"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            model.loadSample(file.toPath());
        }
    }

    private static TextField field(String id, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefWidth(width);
        return f;
    }

    private static Label error(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("error-text");
        l.setWrapText(true);
        l.textProperty().bind(text);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static VBox card(Node... children) {
        VBox box = new VBox(10, children);
        box.getStyleClass().add("card");
        return box;
    }
}
