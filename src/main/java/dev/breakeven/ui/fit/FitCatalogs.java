package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.Recommendations;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.Quant;
import dev.breakeven.core.models.QuantCatalog;

import java.util.List;
import java.util.function.Supplier;

/**
 * The planner and the catalogs the Fit page plans over. Loading them is most of a cold first plan, so the view model
 * loads them once, lazily, from its background work.
 */
record FitCatalogs(FitPlanner planner, Recommendations recommendations, List<CatalogModel> models,
                   List<Quant> quants, GpuCatalog gpus) {
    /** The quants shown as columns: the presets people download, smallest first. */
    static final List<String> MATRIX_QUANTS = List.of("Q2_K", "Q3_K_M", "IQ4_XS", "Q4_K_M", "Q5_K_M", "Q6_K",
            "Q8_0", "F16");

    static FitCatalogs load() {
        FitPlanner planner = FitPlanner.standard();
        QuantCatalog quantCatalog = QuantCatalog.load();
        return new FitCatalogs(planner, new Recommendations(planner), ModelCatalog.load().models(),
                MATRIX_QUANTS.stream().map(id -> quantCatalog.find(id).orElseThrow()).toList(), GpuCatalog.load());
    }

    /** Loads on the first {@code get()} (from whichever background task asks first) and hands the same ones after. */
    static Supplier<FitCatalogs> lazily() {
        return new Supplier<>() {
            private volatile FitCatalogs loaded;

            @Override
            public FitCatalogs get() {
                FitCatalogs c = loaded;
                if (c == null) {
                    synchronized (this) {
                        if (loaded == null) {
                            loaded = load();
                        }
                        c = loaded;
                    }
                }
                return c;
            }
        };
    }
}
