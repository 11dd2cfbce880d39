package dev.breakeven.ui.hybrid;

import com.sun.net.httpserver.HttpServer;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.router.CapabilityGaps;
import dev.breakeven.core.router.DecisionGuide;
import dev.breakeven.core.router.RoutingSimulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GuideAndPricesViewModelTest {
    @TempDir
    Path dir;

    @Test
    void theGuideAnswersAsTheFormChangesWithTheWorkloadsCost() {
        DecisionGuideViewModel m = new DecisionGuideViewModel(new CapabilityGaps.Loaded(CapabilityGaps.bundled(), Optional.empty()));
        m.costProperty().set(new RoutingSimulation.MixCost(0.2, 300, 900, 400));
        assertThat(m.verdictProperty().get()).isEqualTo("Local");
        m.hardestProperty().set(true);
        assertThat(m.verdictProperty().get()).startsWith("Hybrid");
        assertThat(m.reasonsProperty().get()).contains("API ahead").contains("all local $300/month");
        m.privateDataProperty().set(true);
        assertThat(m.recommendationProperty().get().verdict()).isEqualTo(DecisionGuide.Verdict.LOCAL);
        m.volumeProperty().set("lots");
        assertThat(m.volumeErrorProperty().get()).contains("number");
        m.volumeProperty().set("2,000,000");
        assertThat(m.volumeErrorProperty().get()).isEmpty();
        assertThat(m.reasonsProperty().get()).contains("2,000,000 tokens a day");
        assertThat(m.gapsNote()).contains("checked");
    }

    @Test
    void updatePricesFetchesAppliesSavesAndListsTheChanges() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/genai.json", ex -> {
            byte[] body;
            try (InputStream in = getClass().getResourceAsStream("/dev/breakeven/cli/genai-prices-excerpt.json")) {
                body = in.readAllBytes();
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Path file = dir.resolve(PriceCatalog.USER_FILE);
            PricesViewModel m = new PricesViewModel(new dev.breakeven.core.cost.PriceBook(file),
                    dev.breakeven.ui.common.TaskExecutor.inline(), () -> LocalDate.of(2026, 12, 7));
            m.urlProperty().set("http://127.0.0.1:" + server.getAddress().getPort() + "/genai.json");
            m.update();
            assertThat(m.statusProperty().get()).startsWith("1 changed").contains("saved to " + file);
            assertThat(m.changes()).anySatisfy(c -> assertThat(c).startsWith("changed  openai/gpt-5-mini")
                    .contains("dated 2026-12-07"));
            assertThat(PriceCatalog.userOrBundled(file).find("openai/gpt-5-mini").orElseThrow().checked()).isEqualTo("2026-12-07");
            assertThat(m.runningProperty().get()).isFalse();

            m.urlProperty().set("http://example.com/prices.json");
            m.update();
            assertThat(m.statusProperty().get()).startsWith("Prices not updated").contains("HTTPS only");
        } finally {
            server.stop(0);
        }
    }
}
