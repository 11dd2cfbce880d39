package dev.breakeven.ui.hybrid;

import dev.breakeven.core.router.LabelledSet;
import dev.breakeven.core.router.Router;
import dev.breakeven.core.router.RouterEval;
import dev.breakeven.core.router.RoutingRules;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import dev.breakeven.ui.common.TaskExecutor;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The router measured on the labelled set, for the Hybrid page: precision and recall of the rules being edited, the
 * curve of API share, precision, recall and monthly cost over the local token limit, and the set itself with where
 * each prompt goes. Computed off the FX thread whenever the rules or the workload change.
 */
public final class RouterEvalViewModel {
    /** One setting of the sweep as the table shows it. */
    public record Row(int limit, String limitText, double apiShare, double precision, double recall, Double monthlyUsd,
                      String note) {
    }

    /** One labelled prompt and where the current rules send it. */
    public record LabelledRow(String id, String category, String label, String route, String prompt, String reason) {
    }

    public record Outcome(List<Row> rows, RouterEval.Point current, List<LabelledRow> labelled) {
    }

    private final TaskExecutor tasks;
    private final LabelledSet set = LabelledSet.bundled();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<LabelledRow> labelled = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RouterEval.Point> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Measuring…");
    private long generation;

    public RouterEvalViewModel(Executor background) {
        this(TaskExecutor.fx(background));
    }

    public RouterEvalViewModel(TaskExecutor tasks) {
        this.tasks = tasks;
    }

    public LabelledSet set() {
        return set;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<LabelledRow> labelled() {
        return labelled;
    }

    public ReadOnlyObjectProperty<RouterEval.Point> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public String publishedStudies() {
        return RouterEval.ROUTE_LLM_NOTE;
    }

    /** Re-measures for these rules at this preset's workload; a newer call makes an older result moot. */
    public void evaluate(RoutingRules rules, String presetId) {
        if (rules == null || presetId == null) {
            return;
        }
        long mine = ++generation;
        tasks.run(() -> compute(set, rules, presetId), done -> {
            if (mine == generation) {
                show(done);
            }
        }, e -> {
            if (mine == generation) {
                summary.set("Could not measure the router: " + e.getMessage());
            }
        });
    }

    static Outcome compute(LabelledSet set, RoutingRules rules, String presetId) {
        var workload = RouterEval.presetWorkload(presetId);
        List<RouterEval.Point> curve = RouterEval.sweep(rules, set.prompts(), RouterEval.DEFAULT_LIMITS, workload);
        RouterEval.Point mine = RouterEval.evaluate(rules, set.prompts(), workload);
        RouterEval.Point five = RouterEval.nearestShare(curve, 0.05);
        List<Row> rows = curve.stream().map(p -> new Row(p.maxLocalPromptTokens(), limitText(p.maxLocalPromptTokens()),
                p.apiShare(), p.precision(), p.recall(), p.mix() == null ? null : p.mix().mixMonthlyUsd(),
                ((p.maxLocalPromptTokens() == rules.maxLocalPromptTokens() ? "your rules " : "")
                        + (p == five ? "nearest to 5%" : "")).strip())).toList();
        Router router = new Router(rules);
        List<LabelledRow> labelled = set.prompts().stream().map(i -> new LabelledRow(i.id(), i.category(), i.label(),
                router.route(i.request()).label(), i.prompt(), i.reason())).toList();
        return new Outcome(rows, mine, labelled);
    }

    private void show(Outcome o) {
        rows.setAll(o.rows());
        labelled.setAll(o.labelled());
        current.set(o.current());
        RouterEval.Point p = o.current();
        long need = set.prompts().stream().filter(LabelledSet.Item::needsFrontier).count();
        summary.set(String.format(Locale.ROOT, "Your rules on the labelled set (%d prompts, %d need a frontier model): "
                        + "precision %.1f%%, recall %.1f%%, %.1f%% of requests to the API%s.", set.prompts().size(), need,
                p.precision() * 100, p.recall() * 100, p.apiShare() * 100,
                p.mix() == null ? "" : String.format(Locale.ROOT, "; the mix costs $%,.0f/month at this workload",
                        p.mix().mixMonthlyUsd())));
    }

    static String limitText(int limit) {
        return limit == 0 ? "off" : String.format(Locale.ROOT, "%,d", limit);
    }
}
