package dev.breakeven.bench;

import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.ChartSet;
import dev.breakeven.core.cost.CostCharts;
import dev.breakeven.core.cost.CostInput;
import dev.breakeven.core.cost.InputValidator;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.Range;
import dev.breakeven.core.cost.RangeInputs;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.cost.ScenarioPresets;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Time to recompute the data of all four charts (bands, volume curves, cumulative, hybrid, tornado) after one
 * input changes, as the Costs page does on every keystroke. Target: under 30 ms.
 * Run: ./mvnw -o -q test-compile exec:exec -Dbench=CostRecomputeBenchmark
 */
public final class CostRecomputeBenchmark {
    private static final int WARMUP = 300;
    private static final int RUNS = 2000;

    private CostRecomputeBenchmark() {
    }

    public static void main(String[] args) {
        PriceCatalog catalog = PriceCatalog.bundled();
        long sink = 0;
        for (String id : ScenarioPresets.IDS) {
            Scenario s = ScenarioPresets.load(id);
            RangeInputs base = s.toInputs(catalog);
            List<ApiPrice> models = s.api().compareModelIds().stream().flatMap(m -> catalog.find(m).stream()).toList();
            double[] ms = new double[RUNS];
            for (int i = 0; i < WARMUP + RUNS; i++) {
                Range hw = base.get(CostInput.HARDWARE_USD);
                // A different hardware price each time, as when someone types.
                RangeInputs changed = base.with(CostInput.HARDWARE_USD,
                        new Range(hw.low() + i % 7, hw.mid() + i % 7, hw.high() + i % 7));
                long t0 = System.nanoTime();
                InputValidator.validate(changed);
                ChartSet set = CostCharts.compute(changed, models);
                long t1 = System.nanoTime();
                sink += set.tornado().size();
                if (i >= WARMUP) {
                    ms[i - WARMUP] = (t1 - t0) / 1e6;
                }
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%-24s median %.3f ms  p95 %.3f ms  max %.3f ms  (%d runs, %d models)%n",
                    id, ms[RUNS / 2], ms[(int) (RUNS * 0.95)], ms[RUNS - 1], RUNS, models.size());
        }
        System.out.println("target < 30 ms per recompute; checksum " + sink);
        uiRecompute();
    }

    /**
     * The same change through the page: text field → view model → chart data → the four JavaFX charts rebuilt
     * and laid out, on the FX thread (headless, software pipeline).
     */
    private static void uiRecompute() {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        javafx.application.Platform.startup(() -> {
            var page = new dev.breakeven.ui.cost.CostsPage(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor(), null);
            javafx.scene.control.ScrollPane scroller = new javafx.scene.control.ScrollPane(page.root());
            scroller.setFitToWidth(true);
            javafx.scene.Scene scene = new javafx.scene.Scene(scroller, 844, 700);
            dev.breakeven.ui.shell.Theme.LIGHT.applyTo(scroller);
            javafx.stage.Stage stage = new javafx.stage.Stage();
            stage.setScene(scene);
            stage.show();
            int runs = 200;
            double[] ms = new double[runs];
            for (int i = 0; i < 50 + runs; i++) {
                long t0 = System.nanoTime();
                page.viewModel().text(CostInput.HARDWARE_USD).set(Integer.toString(1000 + i));
                scroller.applyCss();
                scroller.layout();
                long t1 = System.nanoTime();
                if (i >= 50) {
                    ms[i - 50] = (t1 - t0) / 1e6;
                }
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "UI: text change to charts redrawn and laid out: median %.2f ms  p95 %.2f ms  "
                    + "max %.2f ms (%d runs)%n", ms[runs / 2], ms[(int) (runs * 0.95)], ms[runs - 1], runs);
            stage.close();
            done.countDown();
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        javafx.application.Platform.exit();
    }
}
