package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.ElectricityPreset;
import dev.breakeven.core.cost.PriceCatalog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** System prompt, sampling settings and the prices the cost figures use. */
final class SettingsPanel extends TitledPane {
    private final ChatViewModel model;
    private final Spinner<Double> temperature = new Spinner<>(0.0, 2.0, 0.8, 0.05);
    private final Spinner<Double> topP = new Spinner<>(0.05, 1.0, 0.95, 0.05);
    private final Spinner<Integer> topK = new Spinner<>(0, 200, 40, 1);
    private final Spinner<Double> minP = new Spinner<>(0.0, 0.5, 0.05, 0.01);
    private final Spinner<Double> repeat = new Spinner<>(0.5, 2.0, 1.0, 0.05);
    private final Spinner<Integer> seed = new Spinner<>(-1, Integer.MAX_VALUE, -1, 1);
    private final Spinner<Integer> maxTokens = new Spinner<>(1, 32768, 1024, 64);
    private boolean syncing;

    SettingsPanel(ChatViewModel model) {
        this.model = model;
        setText("System prompt and sampling");
        setExpanded(false);
        TextArea system = new TextArea();
        system.setPromptText("System prompt (optional)");
        system.setPrefRowCount(3);
        system.setWrapText(true);
        system.textProperty().bindBidirectional(model.systemPrompt);

        GridPane grid = new GridPane(6, 4);
        int row = 0;
        for (var entry : new Object[][] {{"Temperature", temperature}, {"Top-p", topP}, {"Top-k", topK},
                {"Min-p", minP}, {"Repeat penalty", repeat}, {"Seed (−1 random)", seed}, {"Max tokens", maxTokens}}) {
            Spinner<?> spinner = (Spinner<?>) entry[1];
            spinner.setEditable(true);
            spinner.setPrefWidth(100);
            spinner.valueProperty().addListener((obs, old, now) -> push());
            grid.addRow(row++, new Label((String) entry[0]), spinner);
        }
        maxTokens.setId("max-tokens");

        ComboBox<ElectricityPreset> electricity = new ComboBox<>();
        electricity.getItems().setAll(ElectricityPreset.bundled());
        electricity.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.metrics.pricePerKwh.set(now.usdPerKwh());
            }
        });
        if (!electricity.getItems().isEmpty()) {
            electricity.getSelectionModel().selectFirst();
        }
        ComboBox<ApiPrice> api = new ComboBox<>();
        api.getItems().setAll(PriceCatalog.bundled().prices());
        api.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ApiPrice price) {
                return price == null ? "" : price.name();
            }

            @Override
            public ApiPrice fromString(String text) {
                return null;
            }
        });
        api.valueProperty().bindBidirectional(model.metrics.apiPrice);
        if (!api.getItems().isEmpty()) {
            api.getSelectionModel().selectFirst();
        }
        grid.addRow(row++, new Label("Electricity"), electricity);
        grid.addRow(row, new Label("Compare with API"), api);
        setContent(new VBox(6, system, grid));
        model.sampling.addListener((obs, old, now) -> pull(now));
        pull(model.sampling.get());
    }

    private void push() {
        if (syncing) {
            return;
        }
        try {
            model.sampling.set(new SamplingSettings(temperature.getValue(), topP.getValue(), topK.getValue(),
                    minP.getValue(), repeat.getValue(), seed.getValue(), maxTokens.getValue()));
            model.error.set("");
        } catch (IllegalArgumentException e) {
            model.error.set(e.getMessage());
        }
    }

    private void pull(SamplingSettings s) {
        syncing = true;
        try {
            temperature.getValueFactory().setValue(s.temperature());
            topP.getValueFactory().setValue(s.topP());
            topK.getValueFactory().setValue(s.topK());
            minP.getValueFactory().setValue(s.minP());
            repeat.getValueFactory().setValue(s.repeatPenalty());
            seed.getValueFactory().setValue((int) Math.max(-1, Math.min(Integer.MAX_VALUE, s.seed())));
            maxTokens.getValueFactory().setValue(s.maxTokens());
        } finally {
            syncing = false;
        }
    }
}
