package dev.breakeven.app;

import com.sun.net.httpserver.HttpServer;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.CostInput;
import dev.breakeven.core.cost.PriceBook;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.RangeText;
import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.hardware.BaseFindings;
import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.HardwareDetector;
import dev.breakeven.core.hardware.MemoryInfo;
import dev.breakeven.core.hardware.OverridesStore;
import dev.breakeven.core.hardware.ThisMachine;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.ui.common.TaskExecutor;
import dev.breakeven.ui.compare.CompareViewModel;
import dev.breakeven.ui.cost.CostsViewModel;
import dev.breakeven.ui.fit.FitViewModel;
import dev.breakeven.ui.hardware.HardwareViewModel;
import dev.breakeven.ui.hybrid.PricesViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services the app shares between pages, driven through the pages' view models with the synchronous task
 * executor (no FX toolkit): a correction on the Hardware page re-plans Fit and Compare, a price update on the
 * Hybrid page reaches Costs.
 */
class SharedServicesTest {
    private static final long GIB = 1L << 30;

    /** A GPU-less machine whose RAM bandwidth detection could not measure: the planner falls back to its default. */
    private static ThisMachine machine(Path settings, AtomicInteger detections) {
        BaseFindings base = new BaseFindings("Linux", new CpuInfo("Test CPU", 8, 16, List.of("AVX2")),
                new MemoryInfo(64 * GIB, 60 * GIB, null, FigureSource.DETECTED), List.of(), List.of());
        return new ThisMachine(() -> new HardwareDetector(() -> {
            detections.incrementAndGet();
            return base;
        }, List.of(), new CatalogGpuReferences(GpuCatalog.load())), new OverridesStore(settings));
    }

    private static double totalDecode(FitViewModel.Matrix m) {
        return Arrays.stream(m.plans()).flatMap(Arrays::stream).filter(Objects::nonNull)
                .mapToDouble(FitPlan::decodeTokPerSec).sum();
    }

    @Test
    void aCorrectionOnTheHardwarePageRePlansFitAndCompareWithoutARestart(@TempDir Path settings) {
        AtomicInteger detections = new AtomicInteger();
        ThisMachine machine = machine(settings, detections);
        TaskExecutor inline = TaskExecutor.inline();
        FitViewModel fit = new FitViewModel(inline);
        fit.follow(machine);
        CompareViewModel compare = new CompareViewModel(inline, machine, PriceCatalog.bundled());
        compare.follow(machine);
        compare.slots().getFirst().choiceProperty().set(CompareViewModel.Choice.THIS_MACHINE);
        FitViewModel.Matrix before = fit.matrixProperty().get();
        assertThat(before.target().host().ramBytes()).isEqualTo(64 * GIB);
        var comparedBefore = compare.resultProperty().get();
        assertThat(comparedBefore).isNotNull();

        HardwareViewModel hardware = new HardwareViewModel(machine, inline);
        hardware.detect();
        assertThat(detections).as("the Hardware page reuses the detection Fit ran").hasValue(1);
        assertThat(fit.matrixProperty().get()).as("the same profile re-plans nothing").isSameAs(before);

        assertThat(hardware.setMemoryBandwidth("400")).isEmpty();
        FitViewModel.Matrix after = fit.matrixProperty().get();
        assertThat(after).isNotSameAs(before);
        assertThat(after.target().host().bandwidthGBps()).isEqualTo(400.0);
        assertThat(totalDecode(after)).as("five times the RAM bandwidth decodes faster").isGreaterThan(totalDecode(before) * 2);
        assertThat(compare.resultProperty().get()).isNotSameAs(comparedBefore);

        // a what-if card picked on Fit stays picked across the correction
        fit.hardwareProperty().set(fit.hardwareChoices().get(3));
        String picked = fit.hardwareProperty().get().label();
        assertThat(hardware.setMemoryBandwidth("")).isEmpty();
        assertThat(fit.hardwareProperty().get().label()).isEqualTo(picked);
        assertThat(fit.hardwareChoices().getFirst().target().host().bandwidthGBps()).isNotEqualTo(400.0);

        // the correction was saved: the next start uses it
        hardware.setMemoryBandwidth("123");
        ThisMachine nextStart = machine(settings, new AtomicInteger());
        assertThat(nextStart.get().memory().bandwidthGBps()).isEqualTo(123.0);
    }

    @Test
    void aPriceUpdateOnTheHybridPageReachesTheCostsPage(@TempDir Path data) throws Exception {
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
            PriceBook book = new PriceBook(data.resolve(PriceCatalog.USER_FILE));
            TaskExecutor inline = TaskExecutor.inline();
            LocalDate today = LocalDate.of(2026, 12, 7);
            CostsViewModel costs = new CostsViewModel(book.current(), today);
            costs.follow(book, inline);
            ApiPrice old = costs.catalogProperty().get().find("openai/gpt-5-mini").orElseThrow();
            costs.apiModelProperty().set(old);
            assertThat(costs.text(CostInput.API_OUTPUT_PRICE).get()).isEqualTo(RangeText.format(old.outputUsdPerMtok()));

            PricesViewModel hybrid = new PricesViewModel(book, inline, () -> today);
            hybrid.urlProperty().set("http://127.0.0.1:" + server.getAddress().getPort() + "/genai.json");
            hybrid.update();
            assertThat(hybrid.statusProperty().get()).startsWith("1 changed");

            ApiPrice updated = costs.catalogProperty().get().find("openai/gpt-5-mini").orElseThrow();
            assertThat(updated.checked()).isEqualTo("2026-12-07");
            assertThat(updated.outputUsdPerMtok()).isNotEqualTo(old.outputUsdPerMtok());
            assertThat(costs.apiModelProperty().get()).isEqualTo(updated);
            assertThat(costs.text(CostInput.API_OUTPUT_PRICE).get()).isEqualTo(RangeText.format(updated.outputUsdPerMtok()));
            assertThat(PriceCatalog.userOrBundled(book.userFile()).find("openai/gpt-5-mini").orElseThrow())
                    .isEqualTo(updated);
        } finally {
            server.stop(0);
        }
    }
}
