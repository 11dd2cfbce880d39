package dev.breakeven.app;

import dev.breakeven.ui.chat.ChatPage;
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
        pages.put(PageId.HARDWARE, () -> new ComingPage(PageId.HARDWARE, "Hardware detection"));
        pages.put(PageId.FIT, () -> new ComingPage(PageId.FIT, "Which models and quantizations fit"));
        pages.put(PageId.COMPARE, () -> new ComingPage(PageId.COMPARE, "Comparing GPU cards before buying"));
        pages.put(PageId.CHAT, () -> new ChatPage(services.dirs(), services.background()));
        pages.put(PageId.COSTS, () -> new ComingPage(PageId.COSTS, "API cost against local cost"));
        pages.put(PageId.HYBRID, () -> new ComingPage(PageId.HYBRID, "Routing hard requests to an API"));
        return pages;
    }
}
