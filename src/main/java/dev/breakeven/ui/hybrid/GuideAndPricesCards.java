package dev.breakeven.ui.hybrid;

import dev.breakeven.core.router.CapabilityGaps;
import dev.breakeven.core.router.DecisionGuide;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.List;

/** The decision guide card and the "Update prices" card. */
final class GuideAndPricesCards {
    private GuideAndPricesCards() {
    }

    static Node guide(DecisionGuideViewModel m) {
        Label heading = new Label("Local, API or hybrid?");
        heading.getStyleClass().add("section-title");
        CheckBox privacy = check("guide-private", "Private or regulated data (health, legal, client secrets)", m.privateDataProperty());
        CheckBox offline = check("guide-offline", "Offline or field use", m.offlineProperty());
        ComboBox<DecisionGuide.Latency> latency = new ComboBox<>();
        latency.getItems().setAll(DecisionGuide.Latency.values());
        latency.setId("guide-latency");
        latency.valueProperty().bindBidirectional(m.latencyProperty());
        CheckBox vision = check("guide-vision", "Images or documents as images", m.visionProperty());
        CheckBox audio = check("guide-audio", "Audio or speech", m.audioProperty());
        CheckBox hardest = check("guide-hardest", "The hardest reasoning: proofs, multi-step planning", m.hardestProperty());
        CheckBox context = check("guide-context", "Inputs over 200k tokens", m.longContextProperty());
        TextField volume = new TextField();
        volume.setId("guide-volume");
        volume.setPromptText("tokens a day (optional)");
        volume.textProperty().bindBidirectional(m.volumeProperty());
        Label volumeError = new Label();
        volumeError.getStyleClass().add("error-text");
        volumeError.textProperty().bind(m.volumeErrorProperty());

        Label verdict = new Label();
        verdict.setId("guide-verdict");
        verdict.getStyleClass().add("hybrid-decision");
        verdict.textProperty().bind(m.verdictProperty());
        Label reasons = new Label();
        reasons.setId("guide-reasons");
        reasons.setWrapText(true);
        reasons.textProperty().bind(m.reasonsProperty());

        TableView<CapabilityGaps.Gap> table = new TableView<>();
        table.setId("guide-gaps");
        table.getItems().setAll(m.gaps().gaps());
        table.setPrefHeight(220);
        table.getColumns().setAll(List.of(RouterEvalCard.column("Task", CapabilityGaps.Gap::category),
                RouterEvalCard.column("Verdict", g -> g.verdict() == CapabilityGaps.Verdict.API_AHEAD ? "API ahead" : "Local competitive"),
                RouterEvalCard.column("Why", CapabilityGaps.Gap::note),
                RouterEvalCard.column("Source", CapabilityGaps.Gap::source),
                RouterEvalCard.column("Checked", CapabilityGaps.Gap::checked)));
        Label note = new Label(m.gapsNote());
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        TitledPane gapsPane = new TitledPane("Capability gaps the guide uses", new VBox(6, table, note));
        gapsPane.setExpanded(false);

        VBox box = new VBox(8, heading, privacy, offline, new HBox(8, new Label("Latency needed"), latency), vision, audio,
                hardest, context, new HBox(8, new Label("Volume"), volume, volumeError), verdict, reasons, gapsPane);
        box.getStyleClass().add("card");
        return box;
    }

    static Node prices(PricesViewModel m) {
        Label heading = new Label("API prices");
        heading.getStyleClass().add("section-title");
        Label staleness = new Label();
        staleness.setId("prices-staleness");
        staleness.setWrapText(true);
        staleness.getStyleClass().add("muted");
        staleness.textProperty().bind(m.stalenessProperty());
        TextField url = new TextField();
        url.setId("prices-url");
        url.setPrefWidth(480);
        url.textProperty().bindBidirectional(m.urlProperty());
        Button litellm = new Button("Use LiteLLM's table");
        litellm.setOnAction(e -> m.useLiteLlm());
        CheckBox addNew = check("prices-add-new", "Also add models the catalog lacks", m.addNewProperty());
        Button update = new Button("Update prices");
        update.setId("prices-update");
        update.disableProperty().bind(m.runningProperty());
        update.setOnAction(e -> m.update());
        Label status = new Label();
        status.setId("prices-status");
        status.setWrapText(true);
        status.textProperty().bind(m.statusProperty());
        ListView<String> changes = new ListView<>(m.changes());
        changes.setId("prices-changes");
        changes.setPrefHeight(140);
        HBox row = new HBox(8, url, litellm);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox actions = new HBox(8, update, addNew);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, heading, staleness, row, actions, status, changes);
        box.getStyleClass().add("card");
        return box;
    }

    private static CheckBox check(String id, String text, javafx.beans.property.BooleanProperty value) {
        CheckBox c = new CheckBox(text);
        c.setId(id);
        c.selectedProperty().bindBidirectional(value);
        return c;
    }
}
