package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.ElectricityPreset;
import dev.breakeven.core.cost.PriceBook;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.cost.ScenarioPresets;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.models.CatalogGpu;
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
    private final java.nio.file.Path dataFolder;
    private final dev.breakeven.core.chat.store.ConversationStore conversations;
    private final ExecutorService background;
    private final PriceBook prices;

    public CostsPage(ExecutorService background) {
        this(background, PriceCatalog.bundled(), LocalDate.now(), null);
    }

    public CostsPage(ExecutorService background, PriceCatalog catalog, LocalDate today) {
        this(background, catalog, today, null);
    }

    public CostsPage(ExecutorService background, java.nio.file.Path dataFolder) {
        this(background, new PriceBook(userCatalog(dataFolder)), LocalDate.now(), dataFolder);
    }

    public CostsPage(ExecutorService background, PriceCatalog catalog, LocalDate today, java.nio.file.Path dataFolder) {
        this(background, PriceBook.starting(catalog, userCatalog(dataFolder)), today, dataFolder);
    }

    /**
     * @param prices     the app's one price catalog: edits and imports here are saved to it, and prices updated on
     *                   another page (Hybrid's "Update prices") show here at once
     * @param dataFolder where the Chat page stores conversations, for measured tok/s and watts; null for none
     */
    public CostsPage(ExecutorService background, PriceBook prices, LocalDate today, java.nio.file.Path dataFolder) {
        this(background, prices, today, dataFolder,
                dataFolder == null ? null : dev.breakeven.core.chat.store.ConversationStore.under(dataFolder));
    }

    /** @param conversations the app's one store, which the Chat page saves to (null with no data folder) */
    public CostsPage(ExecutorService background, PriceBook prices, LocalDate today, java.nio.file.Path dataFolder,
                     dev.breakeven.core.chat.store.ConversationStore conversations) {
        this.dataFolder = dataFolder;
        this.conversations = conversations;
        this.background = background;
        this.prices = prices;
        vm = new CostsViewModel(prices.current(), today);
        vm.follow(prices, dev.breakeven.ui.common.TaskExecutor.fx(background));
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

        List<CatalogGpu> gpus = loadGpus();
        form = new CostForm(vm, ElectricityPreset.bundled(), gpus);
        RuleOfThumbView rule = new RuleOfThumbView();
        // The check opens by itself when the rule-of-thumb preset is chosen: that is when it answers the question.
        presets.valueProperty().addListener((obs, old, id) -> rule.root().setExpanded(ScenarioPresets.RULE_OF_THUMB.equals(id)));
        root.getChildren().addAll(title, subtitle, toolbar(), stale, message, new CostTiles(vm).root(), payback,
                capacity, status, form.root(), chartGrid(), rule.root());
        vm.chartsProperty().addListener((obs, old, now) -> panels.forEach(p -> p.update(now)));
        presets.getSelectionModel().select(ScenarioPresets.RULE_OF_THUMB);
        SavedChoices.attach(vm, dataFolder, background); // the Ledger page prices with the same choices
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
        java.util.Map<String, String> names = new java.util.HashMap<>();
        ScenarioPresets.IDS.forEach(id -> names.put(id, ScenarioPresets.load(id).name()));
        presets.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : names.getOrDefault(id, id);
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
        Button prices = button("update-prices", "Save prices to catalog", this::updatePrices);
        prices.setTooltip(new javafx.scene.control.Tooltip(
                "Store the API prices typed above in the chosen model's catalog entry, dated today"));
        Button measured = button("measured", "Measured in Chat", this::useMeasured);
        measured.setTooltip(new javafx.scene.control.Tooltip(
                "Throughput and power from your recent answers on the Chat page (medians)"));
        ToggleButton present = new ToggleButton("Presentation mode");
        present.setId("presentation-mode");
        present.selectedProperty().addListener((obs, old, on) -> presentation(on));
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 6,
                new Label("Preset"), presets, save, load, importPrices, prices, report, measured, present);
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

    /** The user's saved price catalog (edits and imports) in the data folder. */
    static java.nio.file.Path userCatalog(java.nio.file.Path dataFolder) {
        return dataFolder == null ? null : dataFolder.resolve("api-prices.json");
    }

    void updatePrices() {
        say(vm.updateCatalogPrices(), false);
        saveCatalog();
    }

    /** Keeps edits and imports for the next start; the bundled file is never changed. */
    void saveCatalog() {
        PriceCatalog catalog = vm.catalogProperty().get();
        background.submit(() -> {
            try {
                prices.save(catalog);
            } catch (java.io.IOException e) {
                javafx.application.Platform.runLater(() -> say("Prices not saved: " + e.getMessage(), true));
            }
        });
    }

    /** Fills throughput (and power, when sampled) from what the Chat page measured; reads the store off the FX thread. */
    void useMeasured() {
        if (conversations == null) {
            say("No chat data folder.", true);
            return;
        }
        javafx.concurrent.Task<java.util.Optional<MeasuredFigures.Measured>> task = new javafx.concurrent.Task<>() {
            @Override
            protected java.util.Optional<MeasuredFigures.Measured> call() {
                return MeasuredFigures.recent(conversations);
            }
        };
        task.setOnSucceeded(e -> applyMeasured(task.getValue()));
        task.setOnFailed(e -> say("Could not read the Chat page's answers: " + task.getException().getMessage(), true));
        background.submit(task);
    }

    private void applyMeasured(java.util.Optional<MeasuredFigures.Measured> found) {
        if (found.isEmpty()) {
            say("No measured answers yet: chat with a local model on the Chat page first.", true);
            return;
        }
        MeasuredFigures.Measured m = found.get();
        vm.text(dev.breakeven.core.cost.CostInput.TOK_PER_SEC).set(
                dev.breakeven.core.cost.RangeText.format(Math.round(m.tokPerSec() * 10) / 10.0));
        String power = "no power figure";
        if (m.watts() != null) {
            vm.text(dev.breakeven.core.cost.CostInput.WATTS_LOAD).set(
                    dev.breakeven.core.cost.RangeText.format(Math.round(m.watts())));
            power = Math.round(m.watts()) + " W " + (m.wattsMeasured() ? "measured" : "estimated");
        }
        say(String.format(java.util.Locale.ROOT, "Measured in Chat (median of %d answers, %s): %.1f tok/s, %s.",
                m.answers(), m.model(), m.tokPerSec(), power), false);
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

    private static List<CatalogGpu> loadGpus() {
        try {
            return GpuCatalog.load().all();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
