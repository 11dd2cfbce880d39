package dev.breakeven.app;

import dev.breakeven.core.hardware.OverridesStore;
import dev.breakeven.ui.fit.FitPage;
import dev.breakeven.ui.hardware.HardwarePage;
import dev.breakeven.ui.hardware.HardwareViewModel;
import dev.breakeven.ui.shell.ComingPage;
import dev.breakeven.ui.shell.Page;
import dev.breakeven.ui.shell.PageId;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** Which page class serves each navigation entry. Pages are built on first visit and then kept. */
public final class PageRegistry {
    private PageRegistry() {
    }

    public static Map<PageId, Supplier<Page>> create(AppServices services) {
        Map<PageId, Supplier<Page>> pages = new EnumMap<>(PageId.class);
        pages.put(PageId.HARDWARE, () -> new HardwarePage(new HardwareViewModel(CatalogGpuReferences::detector,
                new OverridesStore(services.dirs().settings()), services.background())));
        pages.put(PageId.FIT, () -> new FitPage(services.background(), () -> CatalogGpuReferences.detector()
                .detect(new OverridesStore(services.dirs().settings()).load().overrides())));
        pages.put(PageId.COMPARE, () -> new ComingPage(PageId.COMPARE, "Comparing GPU cards before buying"));
        pages.put(PageId.CHAT, () -> new ComingPage(PageId.CHAT, "Chat with a local model"));
        pages.put(PageId.COSTS, () -> new dev.breakeven.ui.cost.CostsPage(services.background()));
        pages.put(PageId.HYBRID, () -> new dev.breakeven.ui.hybrid.HybridPage(new dev.breakeven.ui.hybrid.HybridViewModel(
                dev.breakeven.core.router.RoutingRulesStore.inSettings(services.dirs().settings()),
                services.background())));
        return pages;
    }
}
