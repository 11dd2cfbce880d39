package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.FlashAttention;
import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.KvCacheType;
import dev.breakeven.core.fit.ModelWeights;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.fit.Recommendations;
import dev.breakeven.core.fit.ServingEngine;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.Quant;
import dev.breakeven.ui.fit.FitViewModel.Matrix;
import dev.breakeven.ui.fit.FitViewModel.Row;
import dev.breakeven.ui.fit.FitViewModel.Selection;
import dev.breakeven.ui.fit.FitViewModel.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Fit page's planning: the matrix of plans for the current inputs and the advice on a selected cell. Plain
 * work over the catalogs, no UI state: the view model runs it off the FX thread.
 */
final class MatrixPlanner {
    /** Perplexity loss the "largest model" line accepts (Q4_K_M loses 4.8 % on Llama-3-70B). */
    static final double QUALITY_FLOOR_PERCENT = 5.0;

    private final FitCatalogs catalogs;

    MatrixPlanner(FitCatalogs catalogs) {
        this.catalogs = catalogs;
    }

    /** The matrix rows: every catalog model with its weights estimated at each column's quant. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (CatalogModel m : catalogs.models()) {
            rows.add(new Row(m.id(), m.name(), m.shape(),
                    catalogs.quants().stream().map(q -> ModelWeights.estimate(m, q)).toList()));
        }
        return rows;
    }

    /** The engine's flash-attention decision for the target's backend, with the settings the user chose. */
    static Settings settings(ServingEngine engine, FlashAttention fa, KvCacheType kv, HardwareTarget target) {
        boolean on = engine.flashAttention(fa, target.gpu() == null ? "cpu" : target.gpu().backend());
        return new Settings(engine, fa, on, kv);
    }

    /** Plans every cell, the opened file (if any) and the "largest model" line. */
    Matrix plan(List<Row> rows, HardwareTarget target, int ctx, Settings settings, GgufModel opened) {
        FitPlanner planner = catalogs.planner();
        List<CatalogModel> models = catalogs.models();
        List<Quant> quants = catalogs.quants();
        KvCacheType kv = settings.kvFellBack() ? KvCacheType.F16 : settings.kvType();
        List<String> columns = quants.stream().map(Quant::id).toList();
        FitPlan[][] plans = new FitPlan[rows.size()][columns.size()];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            for (int c = 0; c < row.weights().size() && c < columns.size(); c++) {
                PlanRequest request = settings.apply(PlanRequest.of(row.shape(), row.weights().get(c), ctx, target));
                plans[r][c] = planner.plan(request);
            }
        }
        FitPlan filePlan = opened == null ? null
                : planner.plan(settings.apply(PlanRequest.of(opened.shape(), opened.weights(), ctx, target)));
        PlanRequest template = settings.apply(PlanRequest.of(models.getFirst().shape(),
                ModelWeights.estimate(models.getFirst(), quants.getFirst()), ctx, target));
        Optional<Recommendations.Choice> largest = catalogs.recommendations().largestFullModel(models, quants,
                QUALITY_FLOOR_PERCENT, template);
        return new Matrix(rows, columns, plans, target, ctx, kv, opened, filePlan, largest, settings);
    }

    /**
     * Advice for a selected catalog cell: the best quant that runs fully on the GPU at this context, and the
     * context at which the selected choice stops keeping its verdict. Empty for the file row.
     */
    String advice(Matrix matrix, Selection s) {
        Recommendations recommendations = catalogs.recommendations();
        List<CatalogModel> models = catalogs.models();
        List<Quant> quants = catalogs.quants();
        if (s.row() == FitViewModel.FILE_ROW || s.row() >= models.size()) {
            return "";
        }
        CatalogModel m = models.get(s.row());
        Quant q = quants.get(s.column());
        PlanRequest request = matrix.settings().apply(PlanRequest.of(m.shape(), ModelWeights.estimate(m, q),
                matrix.contextLength(), matrix.target()));
        String best = recommendations.bestFullQuant(m, quants, request)
                .map(c -> "Best quantization fully on the GPU at this context: " + c.quant().id() + ".")
                .orElse("No quantization of this model runs fully on the GPU at this context.");
        int limit = Math.max(m.maxContext(), m.shape().contextLength());
        int keeps = recommendations.maxContextKeepingVerdict(request, limit);
        FitPlan now = catalogs.planner().plan(request);
        String context = keeps == 0 ? "" : keeps >= limit
                ? " " + q.id() + " stays " + now.verdict().word() + " up to the model's " + limit + " tokens."
                : " " + q.id() + " stays " + now.verdict().word() + " up to " + keeps + " tokens.";
        return best + context;
    }
}
