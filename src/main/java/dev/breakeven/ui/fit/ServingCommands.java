package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.fit.ServingExport;
import dev.breakeven.core.hub.ModelSources;
import dev.breakeven.ui.fit.FitViewModel.Commands;
import dev.breakeven.ui.fit.FitViewModel.Matrix;
import dev.breakeven.ui.fit.FitViewModel.Row;
import dev.breakeven.ui.fit.FitViewModel.Selection;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The command lines for a selected plan, built by the same {@link ServingExport} as {@code fit --export}, so the
 * page's "Copy command" and the CLI cannot drift apart.
 */
final class ServingCommands {
    private ServingCommands() {
    }

    /**
     * An opened file loads from its real path; a catalog cell from the file name the model sources list for it (else
     * {@code MODEL-QUANT.gguf}, as the CLI names it), a placeholder to replace with where the file is. Empty when
     * the selection has no plan. {@code planner} is asked for only when there is a command to build.
     */
    static Optional<Commands> of(Matrix matrix, Selection s, Supplier<FitPlanner> planner) {
        if (matrix == null || s == null) {
            return Optional.empty();
        }
        PlanRequest request;
        String ggufName;
        String vllmName;
        if (s.row() == FitViewModel.FILE_ROW) {
            GgufModel opened = matrix.file();
            if (opened == null || matrix.filePlan() == null) {
                return Optional.empty();
            }
            request = matrix.settings().apply(PlanRequest.of(opened.shape(), opened.weights(),
                    matrix.contextLength(), matrix.target()));
            ggufName = opened.path().toAbsolutePath().toString();
            vllmName = ggufName;
        } else {
            if (s.row() >= matrix.rows().size() || s.column() >= matrix.columns().size()) {
                return Optional.empty();
            }
            Row row = matrix.rows().get(s.row());
            String quant = matrix.columns().get(s.column());
            request = matrix.settings().apply(PlanRequest.of(row.shape(), row.weights().get(s.column()),
                    matrix.contextLength(), matrix.target()));
            ggufName = ModelSources.load().find(row.id(), quant)
                    .map(l -> Path.of(l.file()).getFileName().toString())
                    .orElse(row.id() + "-" + quant + ".gguf");
            vllmName = row.id();
        }
        FitPlanner p = planner.get();
        FitPlan plan = matrix.plan(s.row(), s.column()).orElseGet(() -> p.plan(request));
        return Optional.of(new Commands(ServingExport.llamaServer(ggufName, request, plan, p.maxParallel(request)),
                ServingExport.vllm(vllmName, request, plan), s.row() != FitViewModel.FILE_ROW));
    }
}
