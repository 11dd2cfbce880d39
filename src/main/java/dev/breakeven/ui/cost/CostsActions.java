package dev.breakeven.ui.cost;

import dev.breakeven.core.compare.ComparisonRows;
import dev.breakeven.core.compare.GpuComparison;
import dev.breakeven.core.compare.ScenarioComparisons;
import dev.breakeven.core.cost.CostReport;
import dev.breakeven.core.cost.LiteLlmImporter;
import dev.breakeven.core.cost.RangeInputs;
import dev.breakeven.core.cost.RuleOfThumbCheck;
import dev.breakeven.core.cost.ScenarioException;
import dev.breakeven.core.cost.ScenarioIo;
import dev.breakeven.core.cost.ScenarioPresets;
import dev.breakeven.core.io.AtomicFiles;
import javafx.concurrent.Task;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** The page's file work: save and load scenarios, write the HTML report, import a LiteLLM price table. */
final class CostsActions {
    private final CostsViewModel vm;
    private final CostsPage page;
    private final ExecutorService background;

    CostsActions(CostsViewModel vm, CostsPage page, ExecutorService background) {
        this.vm = vm;
        this.page = page;
        this.background = background;
    }

    void saveScenario(Window owner) {
        File file = chooser("Save scenario", "Scenario", "*.json", "scenario.json").showSaveDialog(owner);
        if (file != null) {
            saveScenario(file.toPath());
        }
    }

    void saveScenario(Path file) {
        try {
            ScenarioIo.save(vm.toScenario(), file);
            page.say("Saved " + file.getFileName(), false);
        } catch (IOException | IllegalStateException e) {
            page.say("Not saved: " + e.getMessage(), true);
        }
    }

    void loadScenario(Window owner) {
        File file = chooser("Load scenario", "Scenario", "*.json", null).showOpenDialog(owner);
        if (file != null) {
            loadScenario(file.toPath());
        }
    }

    void loadScenario(Path file) {
        try {
            vm.load(ScenarioIo.load(file));
            String rig = vm.rigLabelProperty().get();
            // a rig from Compare's "this machine" names whether its figures were calibrated
            page.say("Loaded " + file.getFileName() + (rig == null || rig.isBlank() ? "" : " — rig: " + rig), false);
        } catch (ScenarioException e) {
            page.say("Cannot open " + file.getFileName() + ": " + e.getMessage(), true);
        }
    }

    void saveReport(Window owner) {
        File file = chooser("Save HTML report", "HTML", "*.html", "breakeven-report.html").showSaveDialog(owner);
        if (file != null) {
            saveReport(file.toPath());
        }
    }

    void saveReport(Path file) {
        RangeInputs inputs = vm.parsedInputs();
        if (inputs == null || vm.chartsProperty().get() == null) {
            page.say("Fix the fields marked in red before writing a report.", true);
            return;
        }
        List<CostReport.Figure> figures = page.panels().stream()
                .map(p -> new CostReport.Figure(p.title(), ChartExport.png(p.chart()))).toList();
        List<RuleOfThumbCheck.Row> rule = ScenarioPresets.RULE_OF_THUMB.equals(page.selectedPreset())
                ? RuleOfThumbCheck.rows(RuleOfThumbCheck.Claim.QUOTED) : List.of();
        String html = CostReport.html(vm.scenarioNameProperty().get(), vm.descriptionProperty().get(), inputs,
                vm.chartsProperty().get().bands(), vm.stalenessProperty().get(), figures, rule, comparisonTable());
        try {
            AtomicFiles.write(file, html.getBytes(StandardCharsets.UTF_8));
            page.say("Report written to " + file.getFileName(), false);
        } catch (IOException e) {
            page.say("Report not written: " + e.getMessage(), true);
        }
    }

    /** The scenario's GPU comparison at the form's workload and API, or null when it has none or cannot be read. */
    private CostReport.ComparisonTable comparisonTable() {
        if (vm.comparison() == null) {
            return null;
        }
        try {
            var comparison = ScenarioComparisons.evaluate(vm.toScenario(), vm.catalogProperty().get(),
                    GpuComparison.standard(), () -> {
                        throw new IllegalArgumentException("'this machine' is compared on the Compare page only");
                    });
            return ComparisonRows.table(comparison);
        } catch (RuntimeException e) {
            page.say("The GPU comparison is left out of the report: " + e.getMessage(), true);
            return null;
        }
    }

    void importPrices(Window owner) {
        File file = chooser("Import LiteLLM model_prices_and_context_window.json", "JSON", "*.json", null)
                .showOpenDialog(owner);
        if (file == null) {
            return;
        }
        Path path = file.toPath();
        Task<LiteLlmImporter.Result> task = new Task<>() {
            @Override
            protected LiteLlmImporter.Result call() throws IOException {
                try (InputStream in = Files.newInputStream(path)) {
                    return LiteLlmImporter.read(in, LocalDate.now());
                }
            }
        };
        task.setOnSucceeded(e -> {
            LiteLlmImporter.Result r = task.getValue();
            vm.catalogProperty().set(vm.catalogProperty().get().mergedWith(r.prices()));
            page.saveCatalog();
            page.say("Imported " + r.prices().size() + " chat models (" + r.skipped()
                    + " other entries skipped) from " + path.getFileName(), false);
        });
        task.setOnFailed(e -> page.say("Import failed: " + task.getException().getMessage(), true));
        background.submit(task);
    }

    private static FileChooser chooser(String title, String kind, String pattern, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        if (name != null) {
            chooser.setInitialFileName(name);
        }
        return chooser;
    }
}
