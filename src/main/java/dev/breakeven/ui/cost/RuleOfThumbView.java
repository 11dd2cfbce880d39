package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.RuleOfThumbCheck;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** "Rule of thumb, checked": the quoted sentence beside the arithmetic, part by part, with a verdict each. */
final class RuleOfThumbView {
    private final TitledPane pane;

    RuleOfThumbView() {
        Label claim = new Label("\u201cA 24 GB card ($1,000–1,700, 350–450 W, $10–20/month of power) running a 27B-class "
                + "quant at 30–100 tok/s serves ~3M tokens/day; against a mid-tier API at $1–3 per million output tokens, "
                + "over $30–50/month of API spend local pays back in 2–3 years, over $200/month in months.\u201d "
                + "Electricity at $0.17/kWh (US average).");
        claim.setWrapText(true);
        claim.getStyleClass().add("muted");
        GridPane grid = new GridPane(12, 6);
        grid.getStyleClass().add("rule-grid");
        String[] heads = {"Part", "Claimed", "Computed", "Verdict"};
        for (int c = 0; c < heads.length; c++) {
            Label h = new Label(heads[c]);
            h.getStyleClass().add("rule-head");
            grid.add(h, c, 0);
        }
        int row = 1;
        for (RuleOfThumbCheck.Row r : RuleOfThumbCheck.rows(RuleOfThumbCheck.Claim.QUOTED)) {
            grid.add(cell(r.part()), 0, row);
            grid.add(cell(r.claimed()), 1, row);
            Label computed = cell(r.computed());
            computed.setTooltip(new javafx.scene.control.Tooltip(r.arithmetic()));
            grid.add(computed, 2, row);
            Label verdict = cell(r.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            verdict.getStyleClass().add("verdict-" + r.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            grid.add(verdict, 3, row);
            row++;
        }
        grid.getColumnConstraints().addAll(width(130), width(150), width(360), width(100));
        pane = new TitledPane("Rule of thumb, checked", new VBox(8, claim, grid));
        pane.setId("rule-of-thumb");
        pane.setExpanded(false);
    }

    TitledPane root() {
        return pane;
    }

    private static Label cell(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }

    private static ColumnConstraints width(double w) {
        ColumnConstraints c = new ColumnConstraints();
        c.setPrefWidth(w);
        c.setMinWidth(60);
        return c;
    }
}
