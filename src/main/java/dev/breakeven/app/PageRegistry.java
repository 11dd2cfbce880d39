package dev.breakeven.app;

import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.OverridesStore;
import dev.breakeven.ui.chat.ChatPage;
import dev.breakeven.ui.compare.ComparePage;
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
        OverridesStore overrides = new OverridesStore(services.dirs().settings());
        // Fit and Compare plan for this machine as the user corrected it on the Hardware page.
        Supplier<HardwareProfile> thisMachine = () -> CatalogGpuReferences.detector()
                .detect(overrides.load().overrides());
        pages.put(PageId.HARDWARE, () -> new HardwarePage(new HardwareViewModel(CatalogGpuReferences::detector,
                overrides, services.background())));
        pages.put(PageId.FIT, () -> new FitPage(services.background(), thisMachine));
        pages.put(PageId.COMPARE, () -> new ComparePage(services.background(), thisMachine));
        pages.put(PageId.CHAT, () -> new ChatPage(services.dirs(), services.background()));
        pages.put(PageId.COSTS, () -> new dev.breakeven.ui.cost.CostsPage(services.background()));
        pages.put(PageId.HYBRID, () -> new ComingPage(PageId.HYBRID, "Routing hard requests to an API"));
        return pages;
    }
}
