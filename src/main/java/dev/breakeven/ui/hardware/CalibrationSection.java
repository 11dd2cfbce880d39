package dev.breakeven.ui.hardware;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The Hardware page's "Calibrate" section: the button, Cancel, progress, and the last run's figures. */
final class CalibrationSection {
    private CalibrationSection() {
    }

    static Node build(CalibrationViewModel model) {
        Label status = new Label();
        status.setId("calibration-status");
        status.textProperty().bind(model.statusProperty());
        Label hint = new Label("Decodes two small models of real shapes (written by the app, no download) through the "
                + "llama-server runtime, or llama-bench, and corrects Fit and Compare's predictions for this machine "
                + "(RAM bandwidth, time per layer, prompt speed) with what llama.cpp measured. Best on an idle machine. "
                + "Same run as 'breakeven calibrate'.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE); // a wrapped hint keeps all its lines instead of ending in "…"
        Button calibrate = new Button("Calibrate this machine (about 10–60 s)");
        calibrate.setId("calibrate-button");
        calibrate.disableProperty().bind(model.runningProperty());
        calibrate.setOnAction(e -> model.calibrate());
        Button cancel = new Button("Cancel");
        cancel.setId("calibrate-cancel");
        cancel.visibleProperty().bind(model.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancel());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.runningProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label progress = new Label();
        progress.setId("calibration-progress");
        progress.getStyleClass().add("muted");
        progress.setWrapText(true);
        progress.textProperty().bind(model.progressProperty());
        HBox row = new HBox(8, calibrate, cancel, spinner, progress);
        row.setAlignment(Pos.CENTER_LEFT);
        Label result = new Label();
        result.setId("calibration-result");
        result.setWrapText(true);
        result.setMinHeight(Region.USE_PREF_SIZE);
        result.textProperty().bind(model.resultProperty());
        result.visibleProperty().bind(model.resultProperty().isNotEmpty());
        result.managedProperty().bind(result.visibleProperty());
        return new VBox(4, status, hint, row, result);
    }
}
