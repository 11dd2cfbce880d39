package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.cost.ScenarioIo;
import dev.breakeven.core.cost.ScenarioPresets;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** A scenario saved by the Compare page opens on the Costs page, keeps its comparison, and the report shows it. */
@ExtendWith(ApplicationExtension.class)
class CostsReportComparisonTest {
    @TempDir
    Path dir;

    private CostsPage page;

    @Start
    void start(Stage stage) {
        page = new CostsPage(Executors.newVirtualThreadPerTaskExecutor(), PriceCatalog.bundled(),
                LocalDate.of(2026, 11, 25));
        stage.setScene(new Scene(new ScrollPane(page.root()), 844, 700));
        stage.setWidth(844);
        stage.show();
    }

    @Test
    void theReportCarriesTheComparisonAndSavingKeepsIt(FxRobot robot) throws Exception {
        Scenario withComparison = ScenarioPresets.load("buyer-comparing-cards").withComparison(new Scenario.Comparison(
                List.of(new Scenario.ComparedOption("2x rtx-3090", 1400.0), new Scenario.ComparedOption("rtx-5090", null)),
                "qwen3-32b", "Q4_K_M", 8192));
        Path in = dir.resolve("in.json");
        ScenarioIo.save(withComparison, in);
        Path out = dir.resolve("out.json");
        Path report = dir.resolve("r.html");
        CostsActions actions = new CostsActions(page.viewModel(), page, Executors.newVirtualThreadPerTaskExecutor());
        robot.interact(() -> {
            actions.loadScenario(in);
            actions.saveScenario(out);
            actions.saveReport(report);
        });
        assertThat(ScenarioIo.load(out).comparison()).isEqualTo(withComparison.comparison());
        String html = Files.readString(report);
        assertThat(html).contains("<h2>GPU comparison</h2>").contains("2× GeForce RTX 3090")
                .contains("GeForce RTX 5090").contains("runs Qwen3 32B Q4_K_M fully at ~");
    }

    @Test
    void aScenarioWithoutComparisonGivesTheReportWithoutIt(FxRobot robot) throws Exception {
        Path in = dir.resolve("plain.json");
        ScenarioIo.save(ScenarioPresets.load("buyer-comparing-cards"), in);
        Path report = dir.resolve("r.html");
        CostsActions actions = new CostsActions(page.viewModel(), page, Executors.newVirtualThreadPerTaskExecutor());
        robot.interact(() -> {
            actions.loadScenario(in);
            actions.saveReport(report);
        });
        assertThat(Files.readString(report)).doesNotContain("GPU comparison");
    }
}
