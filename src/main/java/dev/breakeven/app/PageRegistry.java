package dev.breakeven.app;

import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.ThisMachine;
import dev.breakeven.ui.common.TaskExecutor;
import dev.breakeven.core.router.RoutingRulesStore;
import dev.breakeven.ui.chat.ChatPage;
import dev.breakeven.ui.compare.ComparePage;
import dev.breakeven.ui.cost.CostsPage;
import dev.breakeven.ui.fit.FitPage;
import dev.breakeven.ui.hardware.HardwarePage;
import dev.breakeven.ui.hardware.HardwareViewModel;
import dev.breakeven.ui.hybrid.HybridPage;
import dev.breakeven.ui.hybrid.HybridViewModel;
import dev.breakeven.core.runtime.Platform;
import dev.breakeven.core.runtime.RuntimeInstaller;
import dev.breakeven.core.runtime.RuntimeStore;
import dev.breakeven.core.runtime.SmokeModels;
import dev.breakeven.ui.runtime.RuntimePage;
import dev.breakeven.ui.runtime.RuntimeViewModel;
import dev.breakeven.ui.models.ModelsPage;
import dev.breakeven.ui.shell.Page;
import dev.breakeven.ui.shell.PageId;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Which page class serves each navigation entry. Pages are built on first visit and then kept. */
public final class PageRegistry {
    private PageRegistry() {
    }

    public static Map<PageId, Supplier<Page>> create(AppServices services) {
        return create(services, page -> { });
    }

    /** @param navigate shows another page (the window's select), for pages that send the user on */
    public static Map<PageId, Supplier<Page>> create(AppServices services, Consumer<PageId> navigate) {
        Map<PageId, Supplier<Page>> pages = new EnumMap<>(PageId.class);
        TaskExecutor tasks = TaskExecutor.fx(services.background());
        // Fit, Compare, Models and Runtime plan for this machine as the user corrects it on the Hardware page:
        // one profile, detected once, and every correction made there reaches the pages already built.
        ThisMachine thisMachine = services.machine();
        pages.put(PageId.HARDWARE, () -> new HardwarePage(new HardwareViewModel(thisMachine, tasks,
                () -> dev.breakeven.core.calibration.ThisMachineCalibration.defaultEngine(services.engines().runtimes(),
                        services.engines().supervisor()))));
        // One Chat page, built on first need: its own visit, or the Models page's "Open in Chat".
        Supplier<ChatPage> chat = memoized(() -> new ChatPage(services.dirs(), tasks, services.engines(), services.conversations()));
        // One Models page, built on first need: its own visit, or the Fit page's "Get this model".
        Supplier<ModelsPage> models = new Supplier<>() {
            private ModelsPage page;

            @Override
            public ModelsPage get() {
                if (page == null) {
                    page = ModelsPage.create(services.dirs(), services.background(), thisMachine,
                            path -> {
                                chat.get().openModel(path);
                                navigate.accept(PageId.CHAT);
                            });
                }
                return page;
            }
        };
        pages.put(PageId.FIT, () -> {
            FitPage fit = new FitPage(tasks, thisMachine,
                    new dev.breakeven.core.runtime.AllocationChecker(services.engines(), services.dirs().data()));
            fit.onGetModel(link -> {
                navigate.accept(PageId.MODELS);
                models.get().hub().open(link.repo(), link.file());
            });
            return fit;
        });
        pages.put(PageId.COMPARE, () -> new ComparePage(tasks, thisMachine, services.prices().current()));
        pages.put(PageId.CHAT, chat::get);
        pages.put(PageId.COSTS, () -> new CostsPage(services.background(), services.prices(), java.time.LocalDate.now(),
                services.dirs().data(), services.conversations()));
        pages.put(PageId.HYBRID, () -> new HybridPage(new HybridViewModel(
                RoutingRulesStore.inSettings(services.dirs().settings()), tasks, services.prices()::current),
                dev.breakeven.ui.hybrid.HybridTools.forUser(services.dirs(), services.prices(), services.background())));
        pages.put(PageId.RUNTIME, () -> runtimePage(services, thisMachine));
        // "Open in Chat" goes to the Chat page, whose picker lists the same library.
        pages.put(PageId.MODELS, models::get);
        pages.put(PageId.LEDGER, () -> new dev.breakeven.ui.ledger.LedgerPage(new dev.breakeven.ui.ledger.LedgerViewModel(
                services.dirs().data(), services.prices(), services.conversations(), tasks)));
        return pages;
    }

    private static RuntimePage runtimePage(AppServices services, Supplier<HardwareProfile> thisMachine) {
        RuntimeStore store = new RuntimeStore(services.dirs().data(), Platform.current());
        RuntimeInstaller installer = RuntimeInstaller.forUser(store, thisMachine,
                () -> SmokeModels.smallest(List.of(Path.of("models"))));
        return new RuntimePage(new RuntimeViewModel(store, installer, RuntimeInstaller.LATEST,
                TaskExecutor.fx(services.background())));
    }

    private static <T> Supplier<T> memoized(Supplier<T> make) {
        return new Supplier<>() {
            private T made;

            @Override
            public T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }
}
