package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.ElectricityPreset;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.cost.ScenarioPresets;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.models.GpuSpec;
import dev.breakeven.ui.shell.Page;
import dev.breakeven.ui.shell.PageId;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * The Costs page: the form, headline tiles, the four chart panels and the rule-of-thumb check.
 * File work (scenarios, report, price import) is in {@link CostsActions}.
 */
public final class CostsPage implements Page {
    private final CostsViewModel vm;
    private final VBox root = new VBox();
    private final List<ChartPanel> panels = List.of(new VolumeChartPanel(), new CumulativeChartPanel(),
            new HybridChartPanel(), new TornadoChartPanel());
    private final ComboBox<String> presets = new ComboBox<>();
    private final Label message = new Label();
    private final CostsActions actions;
    private final CostForm form;

    public CostsPage(ExecutorService background) {
        this(background, PriceCatalog.bundled(), LocalDate.now());
    }

    public CostsPage(ExecutorService background, PriceCatalog catalog, LocalDate today) {
        vm = new CostsViewModel(catalog, today);
        actions = new CostsActions(vm, this, background);
        root.getStyleClass().addAll("page", "costs-page");
        root.getStylesheets().add(Objects.requireNonNull(
                CostsPage.class.getResource("/dev/breakeven/ui/cost/costs.css")).toExternalForm());
        Label title = new Label(PageId.COSTS.title());
        title.getStyleClass().add("page-title");
        Label subtitle = new Label("API cost against local cost: where local pays back, and how sure that is. "
                + "Any field takes a range, like 1000–1700.");
        subtitle.getStyleClass().add("muted");
        subtitle.setWrapText(true);

        Label stale = new Label();
        stale.setId("price-staleness");
        stale.getStyleClass().add("notice");
        stale.setWrapText(true);
        stale.textProperty().bind(vm.stalenessProperty());
        stale.visibleProperty().bind(vm.stalenessProperty().isNotEmpty());
        stale.managedProperty().bind(stale.visibleProperty());

        Label status = new Label();
        status.getStyleClass().add("error-text");
        status.textProperty().bind(vm.statusProperty());
        status.visibleProperty().bind(vm.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());

        Label capacity = new Label();
        capacity.setId("capacity");
        capacity.setWrapText(true);
        capacity.textProperty().bind(vm.capacityProperty());

        Label payback = new Label();
        payback.setId("payback-figure");
        payback.getStyleClass().add("section-title");
        payback.textProperty().bind(vm.paybackProperty().map(p -> "Payback: " + p));

        message.setId("cost-message");
        message.setWrapText(true);

        List<GpuSpec> gpus = loadGpus();
        form = new CostForm(vm, ElectricityPreset.bundled(), gpus);
        root.getChildren().addAll(title, subtitle, toolbar(), stale, message, new CostTiles(vm).root(), payback,
                capacity, status, form.root(), chartGrid(), new RuleOfThumbView().root());
        vm.chartsProperty().addListener((obs, old, now) -> panels.forEach(p -> p.update(now)));
        presets.getSelectionModel().select(ScenarioPresets.RULE_OF_THUMB);
    }

    @Override
    public PageId id() {
        return PageId.COSTS;
    }

    @Override
    public Node root() {
        return root;
    }

    public CostsViewModel viewModel() {
        return vm;
    }

    CostForm form() {
        return form;
    }

    List<ChartPanel> panels() {
        return panels;
    }

    VBox pageRoot() {
        return root;
    }

    void say(String text, boolean error) {
        message.setText(text);
        message.getStyleClass().remove("error-text");
        if (error) {
            message.getStyleClass().add("error-text");
        }
    }

    String selectedPreset() {
        return presets.getValue();
    }

    private Node toolbar() {
        presets.setId("preset");
        presets.getItems().setAll(ScenarioPresets.IDS);
        presets.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : ScenarioPresets.load(id).name();
            }

            @Override
            public String fromString(String s) {
                return null;
            }
        });
        presets.valueProperty().addListener((obs, old, id) -> {
            if (id != null) {
                Scenario s = ScenarioPresets.load(id);
                vm.load(s);
                say("Preset: " + s.description(), false);
            }
        });
        Button save = button("save-scenario", "Save scenario…", () -> actions.saveScenario(window()));
        Button load = button("load-scenario", "Load scenario…", () -> actions.loadScenario(window()));
        Button importPrices = button("import-prices", "Import LiteLLM prices…", () -> actions.importPrices(window()));
        Button report = button("html-report", "HTML report…", () -> actions.saveReport(window()));
        ToggleButton present = new ToggleButton("Presentation mode");
        present.setId("presentation-mode");
        present.selectedProperty().addListener((obs, old, on) -> presentation(on));
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 6,
                new Label("Preset"), presets, save, load, importPrices, report, present);
        bar.getStyleClass().add("cost-toolbar");
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return bar;
    }

    private Node chartGrid() {
        GridPane grid = new GridPane(12, 12);
        grid.getStyleClass().add("chart-grid");
        for (int i = 0; i < panels.size(); i++) {
            ChartPanel panel = panels.get(i);
            panel.chart().setPrefHeight(320);
            panel.chart().setMinHeight(260);
            String file = panel.chart().getId().replace("chart-", "breakeven-") + ".png";
            Button export = button(panel.chart().getId() + "-png", "Export PNG…",
                    () -> say(ChartExport.saveWithChooser(panel.chart(), file, window()), false));
            VBox box = new VBox(4, panel.chart(), export);
            box.getStyleClass().addAll("card", "chart-card");
            GridPane.setHgrow(box, Priority.ALWAYS);
            grid.add(box, i % 2, i / 2);
        }
        javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().addAll(half, half);
        return grid;
    }

    private void presentation(boolean on) {
        root.getStyleClass().remove("presentation");
        if (on) {
            root.getStyleClass().add("presentation");
        }
        if (window() instanceof Stage stage) {
            stage.setFullScreenExitHint("Esc leaves presentation mode");
            stage.setFullScreen(on);
        }
    }

    private javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static List<GpuSpec> loadGpus() {
        try {
            return GpuCatalog.load().all();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
