package dev.breakeven.core.cost;

import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.QuantCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlannedThroughputTest {
    private final FitPlanner planner = FitPlanner.standard();
    private final GpuCatalog gpus = GpuCatalog.load();
    private final ModelCatalog models = ModelCatalog.load();
    private final QuantCatalog quants = QuantCatalog.load();

    @Test
    void a27bQuantOnA24GbCardLandsInTheRuleOfThumbsRange() {
        var p = PlannedThroughput.predict(planner, gpus.byId("rtx-3090").orElseThrow(),
                models.find("gemma-3-27b").orElseThrow(), quants.find("Q4_K_M").orElseThrow()).orElseThrow();
        assertThat(p.fitsOnGpu()).isTrue();
        // the rule of thumb says 30–100 tok/s for a 27B-class quant on a 24 GB card
        assertThat(p.tokPerSec()).isBetween(15.0, 100.0);
    }

    @Test
    void aFasterCardIsPredictedFasterAndASmallCardDoesNotFitIt() {
        var model = models.find("gemma-3-27b").orElseThrow();
        var q4 = quants.find("Q4_K_M").orElseThrow();
        var p3090 = PlannedThroughput.predict(planner, gpus.byId("rtx-3090").orElseThrow(), model, q4).orElseThrow();
        var p3060 = PlannedThroughput.predict(planner, gpus.byId("rtx-3060-12gb").orElseThrow(), model, q4);
        p3060.ifPresent(p -> {
            assertThat(p.fitsOnGpu()).isFalse();
            assertThat(p.tokPerSec()).isLessThan(p3090.tokPerSec());
        });
    }
}
