package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.CostInput;
import dev.breakeven.core.cost.ElectricityPreset;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.RangeText;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.CatalogGpu;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.Quant;
import dev.breakeven.core.models.QuantCatalog;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;

import java.util.List;
import java.util.Locale;

import static dev.breakeven.core.cost.CostInput.*;

/**
 * The inputs, grouped as API, workload and local rig. Every field accepts a number or a range ("1000–1700");
 * a bad value turns the field red and says why under it, and the charts keep the last valid inputs.
 */
final class CostForm {
    private final CostsViewModel vm;
    private final VBox root = new VBox(10);
    final ComboBox<ApiPrice> apiModel = new ComboBox<>();
    final CheckComboBox<ApiPrice> compare = new CheckComboBox<>();
    final ComboBox<ElectricityPreset> region = new ComboBox<>();
    final ComboBox<CatalogGpu> gpu = new ComboBox<>();
    final ComboBox<CatalogModel> model = new ComboBox<>();
    final ComboBox<Quant> quant = new ComboBox<>();
    final ComboBox<Integer> users = new ComboBox<>();
    private final Label plannerResult = new Label();
    private final CostsPlanner planner;

    CostForm(CostsViewModel vm, List<ElectricityPreset> regions, List<CatalogGpu> gpus) {
        this.vm = vm;
        this.planner = new CostsPlanner(vm, FitPlanner.standard());
        root.getStyleClass().add("cost-form");
        root.getChildren().addAll(
                section("API", apiPickers(),
                        field(API_INPUT_PRICE), field(API_OUTPUT_PRICE), field(API_CACHED_PRICE), field(API_SHARE)),
                section("Workload", requestsRow(),
                        field(INPUT_TOKENS_PER_DAY), field(OUTPUT_TOKENS_PER_DAY), field(CACHED_SHARE),
                        field(WORKING_DAYS), field(MONTHLY_GROWTH)),
                section("Local rig", rigPickers(regions, gpus),
                        field(HARDWARE_USD), field(OTHER_PARTS_USD), field(AMORTIZE_MONTHS), field(RESALE_USD),
                        field(WATTS_LOAD), field(WATTS_IDLE), field(LOAD_HOURS), field(KWH_USD), field(TOK_PER_SEC)));
    }

    Node root() {
        return root;
    }

    final TextField requests = new TextField();
    final TextField inPerRequest = new TextField();
    final TextField outPerRequest = new TextField();
    private final Label requestsNote = new Label();

    /** Requests/day × tokens/request → the two tokens/day fields (ranges multiply end by end). */
    private Node requestsRow() {
        requests.setId("requests-per-day");
        requests.setPromptText("requests/day");
        inPerRequest.setId("input-tokens-per-request");
        inPerRequest.setPromptText("input tokens/request");
        outPerRequest.setId("output-tokens-per-request");
        outPerRequest.setPromptText("output tokens/request");
        for (TextField f : List.of(requests, inPerRequest, outPerRequest)) {
            f.setPrefColumnCount(10);
        }
        javafx.scene.control.Button apply = new javafx.scene.control.Button("Set tokens/day");
        apply.setId("apply-requests");
        apply.setOnAction(e -> applyRequests());
        requestsNote.getStyleClass().add("error-text");
        requestsNote.visibleProperty().bind(requestsNote.textProperty().isNotEmpty());
        requestsNote.managedProperty().bind(requestsNote.visibleProperty());
        HBox row = new HBox(8, requests, new Label("×"), inPerRequest, new Label("/"), outPerRequest, apply);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return new VBox(4, row, requestsNote);
    }

    void applyRequests() {
        dev.breakeven.core.cost.Range[] r = new dev.breakeven.core.cost.Range[3];
        TextField[] fields = {requests, inPerRequest, outPerRequest};
        for (int i = 0; i < 3; i++) {
            if (RangeText.parse(fields[i].getText()) instanceof RangeText.Value v && v.range().low() >= 0) {
                r[i] = v.range();
            } else {
                requestsNote.setText("Requests per day and tokens per request must be numbers or ranges, not negative.");
                return;
            }
        }
        requestsNote.setText("");
        vm.text(INPUT_TOKENS_PER_DAY).set(RangeText.format(r[0].times(r[1])));
        vm.text(OUTPUT_TOKENS_PER_DAY).set(RangeText.format(r[0].times(r[2])));
    }

    private Node section(String title, Node pickers, Node... fields) {
        Label heading = new Label(title);
        heading.getStyleClass().add("section-title");
        FlowPane grid = new FlowPane(12, 8, fields);
        grid.getStyleClass().add("cost-fields");
        VBox box = new VBox(6, heading);
        if (pickers != null) {
            box.getChildren().add(pickers);
        }
        box.getChildren().add(grid);
        return box;
    }

    private Node field(CostInput key) {
        Label label = new Label(key.label() + " (" + key.unit() + ")");
        label.getStyleClass().add("field-label");
        TextField text = new TextField();
        text.setId("input-" + key.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        text.setPromptText(key.optional() ? "optional" : "e.g. a number or 1000–1700");
        text.setPrefColumnCount(11);
        text.textProperty().bindBidirectional(vm.text(key));
        label.setLabelFor(text);
        Label error = new Label();
        error.getStyleClass().addAll("error-text", "field-error");
        error.setId("error-" + key.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        error.textProperty().bind(vm.error(key));
        error.visibleProperty().bind(vm.error(key).isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        error.setMaxWidth(190);
        vm.error(key).addListener((obs, old, now) -> {
            text.getStyleClass().remove("invalid");
            if (now != null) {
                text.getStyleClass().add("invalid");
                text.setTooltip(new Tooltip(now));
            } else {
                text.setTooltip(null);
            }
        });
        VBox box = new VBox(2, label, text, error);
        box.getStyleClass().add("cost-field");
        box.setPrefWidth(190);
        return box;
    }

    private Node apiPickers() {
        StringConverter<ApiPrice> names = new StringConverter<>() {
            @Override
            public String toString(ApiPrice p) {
                return p == null ? "" : p.name() + " · " + p.provider() + " · $" + RangeText.format(p.inputUsdPerMtok())
                        + " / $" + RangeText.format(p.outputUsdPerMtok()) + " per M";
            }

            @Override
            public ApiPrice fromString(String s) {
                return null;
            }
        };
        apiModel.setId("api-model");
        apiModel.setConverter(names);
        apiModel.setPromptText("API model (fills the prices; edit them freely)");
        apiModel.valueProperty().bindBidirectional(vm.apiModelProperty());
        compare.setId("compare-models");
        compare.setConverter(names);
        compare.setTitle("Models on the volume chart");
        refreshCatalog(vm.catalogProperty().get());
        vm.catalogProperty().addListener((obs, old, now) -> refreshCatalog(now));
        compare.getCheckModel().getCheckedItems().addListener(
                (javafx.collections.ListChangeListener<ApiPrice>) c -> {
                    if (!syncing) {
                        vm.compareModels().setAll(compare.getCheckModel().getCheckedItems());
                    }
                });
        vm.compareModels().addListener((javafx.collections.ListChangeListener<ApiPrice>) c -> syncChecks());
        return new HBox(8, apiModel, compare);
    }

    private boolean syncing;

    private void syncChecks() {
        syncing = true;
        try {
            compare.getCheckModel().clearChecks();
            for (ApiPrice p : vm.compareModels()) {
                compare.getItems().stream().filter(i -> i.id().equals(p.id())).findFirst()
                        .ifPresent(i -> compare.getCheckModel().check(i));
            }
        } finally {
            syncing = false;
        }
    }

    private void refreshCatalog(PriceCatalog catalog) {
        apiModel.setItems(FXCollections.observableArrayList(catalog.prices()));
        syncing = true;
        try {
            compare.getItems().setAll(catalog.prices());
        } finally {
            syncing = false;
        }
        syncChecks();
    }

    private Node rigPickers(List<ElectricityPreset> regions, List<CatalogGpu> gpus) {
        region.setId("electricity-region");
        region.setPromptText("Electricity price preset");
        region.getItems().setAll(regions);
        region.setOnAction(e -> {
            ElectricityPreset p = region.getValue();
            if (p != null) {
                vm.text(KWH_USD).set(RangeText.format(p.usdPerKwh()));
                vm.regionProperty().set(p.id());
            }
        });
        gpu.setId("gpu-catalog");
        gpu.setPromptText("Card from the GPU catalog");
        gpu.getItems().setAll(gpus.stream().filter(g -> g.launchPriceUsd() != null || g.tdpWatts() != null).toList());
        gpu.setCellFactory(list -> new GpuCell());
        gpu.setButtonCell(new GpuCell());
        gpu.setOnAction(e -> {
            CatalogGpu g = gpu.getValue();
            if (g == null) {
                return;
            }
            if (g.launchPriceUsd() != null) {
                vm.text(HARDWARE_USD).set(Integer.toString(g.launchPriceUsd()));
            }
            if (g.tdpWatts() != null) {
                vm.text(WATTS_LOAD).set(Integer.toString(g.tdpWatts()));
            }
            vm.rigLabelProperty().set(g.name());
        });
        Tooltip.install(gpu, new Tooltip("Fills hardware price (launch price) and power under load (TDP) from the catalog"));
        return new VBox(6, new HBox(8, gpu, region), plannerRow());
    }

    /** Throughput from the fit planner: a catalog model and quantization on the card chosen above. */
    private Node plannerRow() {
        List<CatalogModel> models = loadOr(() -> ModelCatalog.load().models());
        List<Quant> quants = loadOr(() -> QuantCatalog.load().quants());
        model.setId("planner-model");
        model.getItems().setAll(models);
        model.setConverter(new StringConverter<>() {
            @Override
            public String toString(CatalogModel m) {
                return m == null ? "" : m.name();
            }

            @Override
            public CatalogModel fromString(String s) {
                return null;
            }
        });
        models.stream().filter(m -> m.id().equals("gemma-3-27b")).findFirst().ifPresent(model::setValue);
        quant.setId("planner-quant");
        quant.getItems().setAll(quants);
        quant.setConverter(new StringConverter<>() {
            @Override
            public String toString(Quant q) {
                return q == null ? "" : q.id();
            }

            @Override
            public Quant fromString(String s) {
                return null;
            }
        });
        quants.stream().filter(q -> q.id().equals("Q4_K_M")).findFirst().ifPresent(quant::setValue);
        users.setId("planner-concurrency");
        users.getItems().setAll(CostsPlanner.CONCURRENCY);
        users.valueProperty().bindBidirectional(planner.concurrencyProperty());
        Tooltip.install(users, new Tooltip("Users served at once (llama-server -np): the planner's throughput becomes "
                + "their total, each slot with its own KV cache; capacity and rigs needed follow it"));
        // a saved scenario's plan puts its model, quant and card back in the pickers
        vm.servedProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.getItems().stream().filter(m -> m.id().equals(now.modelId())).findFirst()
                        .ifPresent(model::setValue);
                quant.getItems().stream().filter(q -> q.id().equals(now.quant())).findFirst()
                        .ifPresent(quant::setValue);
            }
        });
        javafx.scene.control.Button predict = new javafx.scene.control.Button("Throughput from the planner");
        predict.setId("planner-throughput");
        predict.setOnAction(e -> predictThroughput());
        plannerResult.textProperty().bind(planner.resultProperty());
        plannerResult.setId("planner-result");
        plannerResult.getStyleClass().add("muted");
        plannerResult.setWrapText(true);
        plannerResult.visibleProperty().bind(plannerResult.textProperty().isNotEmpty());
        plannerResult.managedProperty().bind(plannerResult.visibleProperty());
        HBox row = new HBox(8, model, quant, new Label("Users at once"), users, predict);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return new VBox(4, row, plannerResult);
    }

    void predictThroughput() {
        planner.use(gpu.getValue(), model.getValue(), quant.getValue());
    }

    private static <T> List<T> loadOr(java.util.function.Supplier<List<T>> loader) {
        try {
            return loader.get();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static final class GpuCell extends ListCell<CatalogGpu> {
        @Override
        protected void updateItem(CatalogGpu g, boolean empty) {
            super.updateItem(g, empty);
            setText(empty || g == null ? null : g.name()
                    + (g.launchPriceUsd() == null ? "" : " · $" + g.launchPriceUsd())
                    + (g.tdpWatts() == null ? "" : " · " + g.tdpWatts() + " W"));
        }
    }
}
