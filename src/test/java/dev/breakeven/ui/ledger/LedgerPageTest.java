package dev.breakeven.ui.ledger;

import dev.breakeven.app.AppServices;
import dev.breakeven.app.PageRegistry;
import dev.breakeven.core.chat.store.Conversation;
import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.ledger.LedgerTest;
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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class LedgerPageTest {
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
    void showsWhatLocalSavedPerMonthWithAChart(FxRobot robot) throws Exception {
        robot.interact(() -> window.select(PageId.LEDGER));
        LedgerPage page = (LedgerPage) window.page(PageId.LEDGER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> page.model().reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        String summary = OnFx.text(robot, "#ledger-summary");
        var api = PriceCatalog.bundled().find("openai/gpt-4.1").orElseThrow();
        // 3500 tokens in and 1750 out on the API; 3 Wh at $0.17/kWh = $0.00051 of electricity.
        double saved = (3500 * api.inputUsdPerMtok() + 1750 * api.outputUsdPerMtok()) / 1e6 - 0.003 * 0.17;
        assertThat(summary).contains(String.format(java.util.Locale.ROOT, "Local has saved $%.4f since 2026-11-30", saved))
                .contains("3 answers, 3500 tokens in, 1750 out");
        assertThat(OnFx.read(() -> page.chart().getData().size())).isEqualTo(3);
        assertThat(OnFx.read(() -> page.chart().getData().getFirst().getData().stream().map(d -> d.getXValue()).toList()))
                .containsExactly("2026-11", "2026-12");
    }
}
