package dev.breakeven.ui.ledger;

import dev.breakeven.app.AppServices;
import dev.breakeven.app.PageRegistry;
import dev.breakeven.core.chat.store.Conversation;
import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.cost.CostChoicesStore;
import dev.breakeven.core.cost.CostInput;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.ledger.LedgerTest;
import dev.breakeven.ui.cost.CostsPage;
import dev.breakeven.ui.shell.MainWindow;
import dev.breakeven.ui.shell.PageId;
import dev.breakeven.testing.OnFx;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13: the Ledger page prices with what the user chose on the Costs page, and writes the hardware off. */
@ExtendWith(ApplicationExtension.class)
class LedgerFromCostsPageTest {
    @TempDir
    static Path home;

    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        ConversationStore store = ConversationStore.under(home.resolve("data"));
        for (Conversation c : LedgerTest.fixtures()) {
            store.save(c);
        }
        window = new MainWindow(PageRegistry.create(AppServices.forTest(home)), dev.breakeven.core.io.AppDirs.under(home));
        window.show(stage);
        stage.setWidth(MainWindow.MIN_WIDTH);
        stage.setHeight(MainWindow.MIN_HEIGHT);
    }

    @Test
    void theCostsPagesModelElectricityAndHardwareCarryOverToTheLedger(FxRobot robot) throws Exception {
        var haiku = PriceCatalog.bundled().find("anthropic/claude-haiku-4-5").orElseThrow();
        robot.interact(() -> window.select(PageId.COSTS));
        CostsPage costs = (CostsPage) window.page(PageId.COSTS);
        robot.interact(() -> {
            var vm = costs.viewModel();
            vm.apiModelProperty().set(vm.catalogProperty().get().find(haiku.id()).orElseThrow());
            vm.text(CostInput.KWH_USD).set("0.30");
            vm.text(CostInput.HARDWARE_USD).set("1500");
            vm.text(CostInput.OTHER_PARTS_USD).set("500");
            vm.text(CostInput.RESALE_USD).set("200");
            vm.text(CostInput.AMORTIZE_MONTHS).set("24");
        });
        CostChoicesStore saved = new CostChoicesStore(home.resolve("data"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> saved.load()
                .filter(c -> "24".equals(c.amortiseMonths()) && haiku.id().equals(c.apiModelId())).isPresent());

        robot.interact(() -> window.select(PageId.LEDGER));
        LedgerPage page = (LedgerPage) window.page(PageId.LEDGER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> page.model().reportProperty().get() != null
                && page.model().reportProperty().get().api().equals(haiku.name()));
        WaitForAsyncUtils.waitForFxEvents();

        String summary = OnFx.text(robot, "#ledger-summary");
        // 3500 tokens in and 1750 out on Haiku; 3 Wh at the Costs page's $0.30/kWh
        double savedUsd = (3500 * haiku.inputUsdPerMtok() + 1750 * haiku.outputUsdPerMtok()) / 1e6 - 0.003 * 0.30;
        assertThat(summary).contains(String.format(Locale.ROOT, "Local has saved $%.4f since 2026-11-30 against %s",
                savedUsd, haiku.name())).contains("at $0.30/kWh (the Costs page's price)");
        long days = ChronoUnit.DAYS.between(LocalDate.parse("2026-11-30"), LocalDate.now(ZoneId.systemDefault())) + 1;
        double written = Math.min(1800, 1800.0 * days / 730);
        assertThat(OnFx.text(robot, "#ledger-amortisation"))
                .contains(String.format(Locale.ROOT, "Hardware written off since then: $%.2f of $1800 over 2 years",
                        written))
                .contains(String.format(Locale.ROOT, "net %s$%.2f", savedUsd - written < 0 ? "-" : "",
                        Math.abs(savedUsd - written)));
        assertThat(Files.exists(home.resolve("data").resolve(CostChoicesStore.FILE_NAME))).isTrue();
    }
}
