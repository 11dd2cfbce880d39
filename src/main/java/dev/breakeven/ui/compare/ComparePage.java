package dev.breakeven.ui.compare;

import dev.breakeven.core.compare.BestColumns;
import dev.breakeven.core.compare.ComparisonRows;
import dev.breakeven.core.compare.OptionResult;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.ThisMachine;
import dev.breakeven.ui.common.TaskExecutor;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.Quant;
import dev.breakeven.ui.shell.Page;
import dev.breakeven.ui.shell.PageId;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import dev.breakeven.core.io.AtomicFiles;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The Compare page: two to four options side by side for one model and workload, the best value per row
 * highlighted, a verdict in words per option, and the value and cumulative-cost charts.
 */
public final class ComparePage implements Page {
    private final CompareViewModel model;
    private final VBox root = new VBox(12);
    private final GridPane grid = new GridPane();
    private final VBox verdicts = new VBox(6);
    private final CompareCharts charts = new CompareCharts();
    private final Label message = new Label();

    /** The app's page: "This machine" as the Hardware page corrects it, compared again at each correction. */
    public ComparePage(TaskExecutor tasks, ThisMachine machine, dev.breakeven.core.cost.PriceCatalog prices) {
        this(new CompareViewModel(tasks, machine, prices));
        model.follow(machine);
    }

    public ComparePage(Executor background, Supplier<HardwareProfile> detector) {
        this(new CompareViewModel(background, detector));
    }

    private ComparePage(CompareViewModel model) {
        this.model = model;
        build();
    }

    CompareViewModel viewModel() {
        return model;
    }

    @Override
    public PageId id() {
        return PageId.COMPARE;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void onShow() {
        if (model.resultProperty().get() == null) {
            model.recompute();
        }
    }

    private void build() {
        root.getStyleClass().addAll("page", "compare-page");
        root.getStylesheets().add(ComparePage.class.getResource("compare.css").toExternalForm());
        Label title = new Label(PageId.COMPARE.title());
        title.getStyleClass().add("page-title");
        Label intro = new Label("Pick two to four cards (or several of one card, or this machine), a model and your "
                + "workload: which runs it, how fast, at what power, and when each pays back against the API.");
        intro.getStyleClass().add("muted");
        intro.setWrapText(true);

        VBox options = new VBox(6);
        options.getStyleClass().add("card");
        Label optionsTitle = new Label("Options (price blank = launch price; several cards = llama.cpp layer split)");
        optionsTitle.getStyleClass().add("section-title");
        options.getChildren().add(optionsTitle);
        for (int i = 0; i < CompareViewModel.SLOTS; i++) {
            options.getChildren().add(slotRow(i, model.slots().get(i)));
        }

        ComboBox<CatalogModel> modelBox = new ComboBox<>();
        modelBox.getItems().setAll(model.models());
        modelBox.setConverter(converter(CatalogModel::name));
        modelBox.valueProperty().bindBidirectional(model.modelProperty());
        modelBox.setId("compare-model");
        ComboBox<Quant> quantBox = new ComboBox<>();
        quantBox.getItems().setAll(model.quants());
        quantBox.setConverter(converter(Quant::id));
        quantBox.valueProperty().bindBidirectional(model.quantProperty());
        quantBox.setId("compare-quant");
        ComboBox<Integer> ctxBox = new ComboBox<>();
        ctxBox.getItems().setAll(CompareViewModel.CONTEXTS);
        ctxBox.valueProperty().bindBidirectional(model.contextProperty());
        ctxBox.setId("compare-context");
        ComboBox<dev.breakeven.core.fit.FlashAttention> faBox = new ComboBox<>();
        faBox.getItems().setAll(dev.breakeven.core.fit.FlashAttention.values());
        faBox.setConverter(converter(dev.breakeven.core.fit.FlashAttention::cliName));
        faBox.valueProperty().bindBidirectional(model.flashAttentionProperty());
        faBox.setId("compare-flash-attn");
        ComboBox<Integer> usersBox = new ComboBox<>();
        usersBox.getItems().setAll(CompareViewModel.CONCURRENCY);
        usersBox.valueProperty().bindBidirectional(model.concurrencyProperty());
        usersBox.setId("compare-concurrency");
        FlowPane modelRow = new FlowPane(10, 6, new Label("Model"), modelBox, new Label("Quant"), quantBox,
                new Label("Context"), ctxBox, new Label("Flash attention"), faBox, new Label("Users at once"),
                usersBox);
        modelRow.setAlignment(Pos.CENTER_LEFT);

        ComboBox<ApiPrice> apiBox = new ComboBox<>();
        apiBox.getItems().setAll(model.apis());
        apiBox.setConverter(converter(a -> a.name() + " ($" + a.inputUsdPerMtok() + " / $" + a.outputUsdPerMtok() + ")"));
        apiBox.valueProperty().bindBidirectional(model.apiProperty());
        apiBox.setId("compare-api");
        apiBox.setPrefWidth(280);
        FlowPane workload = new FlowPane(10, 6, new Label("Against"), apiBox,
                new Label("Input tokens/day"), field("compare-tokens-in", model.tokensInPerDayProperty(), 100),
                new Label("Output tokens/day"), field("compare-tokens-out", model.tokensOutPerDayProperty(), 100),
                new Label("Hours/day"), field("compare-hours", model.hoursPerDayProperty(), 50),
                new Label("$/kWh"), field("compare-kwh", model.kwhUsdProperty(), 60));
        workload.setAlignment(Pos.CENTER_LEFT);
        VBox inputs = new VBox(8, modelRow, workload);
        inputs.getStyleClass().add("card");

        Label problem = new Label();
        problem.setId("compare-problem");
        problem.getStyleClass().add("error-text");
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        grid.setId("compare-grid");
        grid.getStyleClass().add("compare-grid");
        grid.setHgap(12);
        grid.setVgap(4);
        verdicts.setId("compare-verdicts");

        FlowPane chartRow = new FlowPane(12, 12, charts.valueChart(), charts.cumulativeChart());

        Button save = new Button("Save scenario…");
        save.setOnAction(e -> save());
        Button open = new Button("Open scenario…");
        open.setOnAction(e -> open());
        Button report = new Button("HTML report…");
        report.setOnAction(e -> report());
        message.getStyleClass().add("muted");
        HBox actions = new HBox(8, save, open, report, message);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label note = new Label("Watts: TDP × a load factor; speeds predicted by the Fit model; payback and cost per "
                + "M tokens from the Costs model. Sources: docs/compare.md.");
        note.getStyleClass().add("muted");
        note.setWrapText(true);

        root.getChildren().addAll(title, intro, options, inputs, problem, grid, verdicts, chartRow, actions, note);
        model.resultProperty().addListener((o, a, r) -> {
            if (r != null) {
                fill(r);
            }
        });
    }

    private HBox slotRow(int i, CompareViewModel.Slot slot) {
        ComboBox<CompareViewModel.Choice> choice = new ComboBox<>(model.choices());
        choice.setId("compare-choice-" + i);
        choice.setPromptText(i < 2 ? "pick a card" : "(optional)");
        choice.valueProperty().bindBidirectional(slot.choiceProperty());
        choice.setPrefWidth(280);
        Button clear = new Button("×");
        clear.setId("compare-clear-" + i);
        clear.setOnAction(e -> slot.choiceProperty().set(null));
        Spinner<Integer> count = new Spinner<>(1, 8, 1);
        count.setId("compare-count-" + i);
        count.setPrefWidth(70);
        count.getValueFactory().valueProperty().addListener((o, a, b) -> slot.countProperty().set(b));
        slot.countProperty().addListener((o, a, b) -> count.getValueFactory().setValue(b.intValue()));
        TextField price = field("compare-price-" + i, slot.priceProperty(), 90);
        price.setPromptText("launch price");
        HBox row = new HBox(8, new Label("Option " + (i + 1)), choice, clear, new Label("×"), count,
                new Label("Price $"), price);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private void fill(CompareViewModel.Result r) {
        grid.getChildren().clear();
        List<OptionResult> options = r.comparison().options();
        for (int c = 0; c < options.size(); c++) {
            Label head = new Label(options.get(c).label());
            head.getStyleClass().add("compare-head");
            grid.add(head, c + 1, 0);
        }
        for (int row = 0; row < ComparisonRows.ROWS.size(); row++) {
            ComparisonRows.Row spec = ComparisonRows.ROWS.get(row);
            Label label = new Label(spec.label());
            label.getStyleClass().add("muted");
            grid.add(label, 0, row + 1);
            for (int c = 0; c < options.size(); c++) {
                Label cell = new Label(spec.text().apply(options.get(c)));
                cell.getStyleClass().add("compare-cell");
                BestColumns.Column column = spec.column();
                if (column != null && r.comparison().best().isBest(column, c)) {
                    cell.getStyleClass().add("compare-best");
                }
                cell.setId("compare-cell-" + row + "-" + c);
                grid.add(cell, c + 1, row + 1);
            }
        }
        verdicts.getChildren().clear();
        for (int c = 0; c < options.size(); c++) {
            Label v = new Label(options.get(c).label() + ": " + options.get(c).verdict());
            v.setId("compare-verdict-" + c);
            v.setWrapText(true);
            v.getStyleClass().add("compare-verdict");
            verdicts.getChildren().add(v);
        }
        charts.show(r);
    }

    private void save() {
        File file = chooser("Save comparison as a scenario").showSaveDialog(root.getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            model.save(file.toPath(), "GPU comparison");
            message.setText("Saved " + file.getName() + " (the Costs page opens it too).");
        } catch (Exception e) {
            message.setText("Not saved: " + e.getMessage());
        }
    }

    private void report() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the comparison as an HTML report");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML", "*.html"));
        chooser.setInitialFileName("breakeven-comparison.html");
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            String html = model.reportHtml("GPU comparison");
            if (html == null) {
                message.setText("Nothing to report yet: the comparison is still being computed.");
                return;
            }
            AtomicFiles.write(file.toPath(), html.getBytes(StandardCharsets.UTF_8));
            message.setText("Report written to " + file.getName());
        } catch (Exception e) {
            message.setText("Report not written: " + e.getMessage());
        }
    }

    private void open() {
        File file = chooser("Open a scenario with a comparison").showOpenDialog(root.getScene().getWindow());
        if (file == null) {
            return;
        }
        message.setText("Opening " + file.getName() + "…");
        model.open(file.toPath(), message::setText);
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scenario", "*.json"));
        chooser.setInitialFileName("comparison.json");
        return chooser;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }
}
