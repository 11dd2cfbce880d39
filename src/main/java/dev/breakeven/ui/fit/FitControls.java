package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.FlashAttention;
import dev.breakeven.core.fit.KvCacheType;
import dev.breakeven.core.fit.ServingEngine;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.FlowPane;
import javafx.util.StringConverter;

/** The Fit page's inputs: hardware (this machine or a what-if card), context, KV type, engine, flash attention. */
final class FitControls {
    private FitControls() {
    }

    /** The controls, bound both ways to the view model's properties: changing one re-plans the matrix. */
    static Node build(FitViewModel model) {
        ComboBox<FitViewModel.HardwareChoice> hardware = new ComboBox<>(model.hardwareChoices());
        hardware.setId("fit-hardware");
        hardware.valueProperty().bindBidirectional(model.hardwareProperty());
        hardware.setPrefWidth(290);

        Slider context = new Slider(FitViewModel.MIN_CONTEXT_LOG2, FitViewModel.MAX_CONTEXT_LOG2,
                model.contextLog2Property().get());
        context.setId("fit-context");
        context.setMajorTickUnit(1);
        context.setMinorTickCount(0);
        context.setSnapToTicks(true);
        context.setShowTickMarks(true);
        context.setPrefWidth(150);
        context.valueProperty().addListener((o, a, b) -> model.contextLog2Property().set((int) Math.round(b.doubleValue())));
        Label contextLabel = new Label();
        contextLabel.setId("fit-context-label");
        contextLabel.textProperty().bind(model.contextLog2Property().map(v -> "context " + (1 << v.intValue()) + " tokens"));

        ComboBox<KvCacheType> kv = new ComboBox<>();
        kv.setId("fit-kv-type");
        kv.getItems().setAll(KvCacheType.values());
        kv.valueProperty().bindBidirectional(model.kvTypeProperty());

        ComboBox<ServingEngine> engine = new ComboBox<>();
        engine.setId("fit-engine");
        engine.getItems().setAll(ServingEngine.values());
        engine.setConverter(new StringConverter<>() {
            @Override
            public String toString(ServingEngine e) {
                return e == null ? "" : e.label();
            }

            @Override
            public ServingEngine fromString(String text) {
                return null;
            }
        });
        engine.valueProperty().bindBidirectional(model.engineProperty());
        ComboBox<FlashAttention> flash = new ComboBox<>();
        flash.setId("fit-flash-attn");
        flash.getItems().setAll(FlashAttention.values());
        flash.setConverter(new StringConverter<>() {
            @Override
            public String toString(FlashAttention f) {
                return f == null ? "" : f.cliName();
            }

            @Override
            public FlashAttention fromString(String text) {
                return FlashAttention.parse(text);
            }
        });
        flash.valueProperty().bindBidirectional(model.flashAttentionProperty());

        FlowPane controls = new FlowPane(12, 8, new Label("Hardware"), hardware, new Label("Context"), context,
                contextLabel, new Label("KV cache"), kv, new Label("Engine"), engine, new Label("Flash attention"),
                flash);
        controls.setAlignment(Pos.CENTER_LEFT);
        return controls;
    }
}
