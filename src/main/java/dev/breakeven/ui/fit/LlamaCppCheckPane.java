package dev.breakeven.ui.fit;

import dev.breakeven.core.runtime.AllocationCheck;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/**
 * The Fit page's card for the opened file: "Check against llama.cpp" starts the runtime on it and shows the
 * planner's terms beside llama.cpp's allocation report, term by term, with the difference.
 */
final class LlamaCppCheckPane {
    private LlamaCppCheckPane() {
    }

    static Node build(LlamaCppCheckViewModel check, FitViewModel fit) {
        Label title = new Label("Planner vs llama.cpp");
        title.getStyleClass().add("section-title");
        Label intro = new Label("Start the llama.cpp runtime on the opened file with this plan's flags, on this "
                + "machine, and compare what it allocates with what the planner expects.");
        intro.getStyleClass().add("muted");
        intro.setWrapText(true);
        Button run = new Button("Check against llama.cpp");
        run.setId("fit-check-llamacpp");
        run.disableProperty().bind(fit.fileProperty().isNull().or(check.runningProperty()));
        run.setOnAction(e -> {
            if (fit.fileProperty().get() != null) {
                check.check(fit.fileProperty().get().path(), fit.contextLength());
            }
        });
        Button cancel = new Button("Cancel");
        cancel.setId("fit-check-cancel");
        cancel.visibleProperty().bind(check.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> check.cancel());
        Label status = new Label();
        status.setId("fit-check-status");
        status.setWrapText(true);
        status.textProperty().bind(check.statusProperty());
        GridPane table = new GridPane();
        table.setId("fit-check-table");
        table.setHgap(16);
        table.setVgap(4);
        Label notes = new Label();
        notes.setId("fit-check-notes");
        notes.setWrapText(true);
        notes.getStyleClass().add("muted");
        check.resultProperty().addListener((o, a, b) -> fill(table, notes, b));
        // a file opened or a context changed: show the check kept for it, if any
        Runnable kept = () -> {
            if (fit.fileProperty().get() != null) {
                check.showKept(fit.fileProperty().get().path(), fit.contextLength());
            }
        };
        fit.fileProperty().addListener((o, a, b) -> kept.run());
        fit.contextLog2Property().addListener((o, a, b) -> kept.run());
        HBox buttons = new HBox(10, run, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(8, title, intro, buttons, status, table, notes);
        card.setId("fit-check-card");
        card.getStyleClass().add("card");
        return card;
    }

    private static void fill(GridPane table, Label notes, AllocationCheck result) {
        table.getChildren().clear();
        notes.setText("");
        if (result == null) {
            return;
        }
        List<String> heads = List.of("term", "planner", "llama.cpp", "planner − llama.cpp");
        for (int c = 0; c < heads.size(); c++) {
            Label head = new Label(heads.get(c));
            head.getStyleClass().add("fit-column-head");
            table.add(head, c, 0);
        }
        List<LlamaCppCheckViewModel.Row> rows = LlamaCppCheckViewModel.rows(result);
        for (int r = 0; r < rows.size(); r++) {
            LlamaCppCheckViewModel.Row row = rows.get(r);
            String id = "fit-check-" + row.term().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-");
            Label difference = new Label(row.difference());
            difference.setId(id);
            table.addRow(r + 1, new Label(row.term()), new Label(row.planned()), new Label(row.reported()), difference);
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s at %d tokens on %s. ", result.model(),
                result.contextSize(), result.target()));
        result.devices().forEach((device, a) -> text.append(String.format(Locale.ROOT,
                "%s: model %.2f MiB, KV %.2f MiB, compute %.2f MiB. ", device, a.modelBytes() / 1048576.0,
                a.kvBytes() / 1048576.0, a.computeBytes() / 1048576.0)));
        result.notes().forEach(n -> text.append(Character.toUpperCase(n.charAt(0))).append(n.substring(1)).append(". "));
        notes.setText(text.toString().strip());
    }
}
