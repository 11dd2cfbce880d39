package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.HybridChatEngine;
import dev.breakeven.core.chat.api.ApiChatEngine;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Above the conversation while a hybrid (or API) engine answers: this conversation's route override, "fall back to
 * local", and its tokens, cost and latency per route. Both settings are saved with the conversation.
 */
final class RouteBar extends VBox {
    RouteBar(ChatViewModel model) {
        super(4);
        BooleanBinding hybrid = Bindings.createBooleanBinding(
                () -> model.engines.engineProperty().get() instanceof HybridChatEngine, model.engines.engineProperty());
        BooleanBinding remote = Bindings.createBooleanBinding(() -> {
            ChatEngine e = model.engines.engineProperty().get();
            return e instanceof HybridChatEngine || e instanceof ApiChatEngine;
        }, model.engines.engineProperty());

        ComboBox<HybridChatEngine.RouteOverride> override = new ComboBox<>();
        override.setId("chat-route-override");
        override.getItems().setAll(HybridChatEngine.RouteOverride.values());
        override.setConverter(new StringConverter<>() {
            @Override
            public String toString(HybridChatEngine.RouteOverride o) {
                return o == null ? "" : switch (o) {
                    case AUTO -> "Route: auto (the router)";
                    case ALWAYS_LOCAL -> "Always local";
                    case ALWAYS_API -> "Always API";
                };
            }

            @Override
            public HybridChatEngine.RouteOverride fromString(String s) {
                return null;
            }
        });
        override.valueProperty().bindBidirectional(model.routes.override);
        CheckBox fallback = new CheckBox("Fall back to local when the API fails");
        fallback.setId("chat-fallback-local");
        fallback.selectedProperty().bindBidirectional(model.routes.fallbackToLocal);
        FlowPane settings = new FlowPane(8, 6, new Label("This conversation:"), override, fallback);
        settings.visibleProperty().bind(hybrid);
        settings.managedProperty().bind(settings.visibleProperty());

        Label totals = new Label();
        totals.setId("chat-route-totals");
        totals.getStyleClass().add("muted");
        totals.setWrapText(true);
        totals.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // one line per route, never cut to one
        totals.textProperty().bind(model.routes.totals);
        totals.visibleProperty().bind(model.routes.totals.isNotEmpty());
        totals.managedProperty().bind(totals.visibleProperty());
        getChildren().addAll(settings, totals);
        visibleProperty().bind(remote.or(model.routes.totals.isNotEmpty()));
        managedProperty().bind(visibleProperty());
    }
}
