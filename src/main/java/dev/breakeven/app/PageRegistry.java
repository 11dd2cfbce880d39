package dev.breakeven.app;

import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.OverridesStore;
import dev.breakeven.core.router.RoutingRulesStore;
import dev.breakeven.ui.chat.ChatPage;
import dev.breakeven.ui.compare.ComparePage;
import dev.breakeven.ui.cost.CostsPage;
import dev.breakeven.ui.fit.FitPage;
import dev.breakeven.ui.hardware.HardwarePage;
import dev.breakeven.ui.hardware.HardwareViewModel;
import dev.breakeven.ui.hybrid.HybridPage;
import dev.breakeven.ui.hybrid.HybridViewModel;
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
        OverridesStore overrides = new OverridesStore(services.dirs().settings());
        // Fit and Compare plan for this machine as the user corrected it on the Hardware page.
        Supplier<HardwareProfile> thisMachine = () -> CatalogGpuReferences.detector()
                .detect(overrides.load().overrides());
        pages.put(PageId.HARDWARE, () -> new HardwarePage(new HardwareViewModel(CatalogGpuReferences::detector,
                overrides, services.background())));
        pages.put(PageId.FIT, () -> new FitPage(services.background(), thisMachine));
        pages.put(PageId.COMPARE, () -> new ComparePage(services.background(), thisMachine));
        pages.put(PageId.CHAT, () -> new ChatPage(services.dirs(), services.background()));
        pages.put(PageId.COSTS, () -> new CostsPage(services.background(), services.dirs().data()));
        pages.put(PageId.HYBRID, () -> new HybridPage(new HybridViewModel(
                RoutingRulesStore.inSettings(services.dirs().settings()), services.background())));
        pages.put(PageId.LEDGER, () -> new dev.breakeven.ui.ledger.LedgerPage(new dev.breakeven.ui.ledger.LedgerViewModel(
                services.dirs().data(), services.dirs().settings(), services.background())));
        return pages;
    }
}
