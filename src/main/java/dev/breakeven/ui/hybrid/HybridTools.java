package dev.breakeven.ui.hybrid;

import dev.breakeven.core.chat.api.ApiKeys;
import dev.breakeven.core.cost.PriceBook;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.io.AppDirs;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.ui.common.TaskExecutor;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Where the Hybrid page's API, measurement, price and guide sections keep and find things: the key file in the
 * settings folder, the app's one price catalog (the user's entries in the data folder).
 */
public record HybridTools(ApiKeys keys, PriceBook priceBook, Path settings, Executor background) {

    /** A tools set with its own price book over {@code userPrices}: for tests. */
    public HybridTools(ApiKeys keys, Path userPrices, Path settings, Executor background) {
        this(keys, new PriceBook(userPrices), settings, background);
    }

    public static HybridTools forUser(AppDirs dirs, PriceBook prices, Executor background) {
        return new HybridTools(ApiKeys.system(dirs.settings()), prices, dirs.settings(), background);
    }

    PriceCatalog prices() {
        return priceBook.current();
    }

    DecisionGuideViewModel guide() {
        return new DecisionGuideViewModel(dev.breakeven.core.router.CapabilityGaps.load(settings));
    }

    PricesViewModel prices(TaskExecutor tasks) {
        return new PricesViewModel(priceBook, tasks, java.time.LocalDate::now);
    }

    AskViewModel ask(Supplier<RoutingRules> rules, TaskExecutor tasks) {
        // AskViewModel keeps its own (background, UI) pair while issue 15 reworks it; the seam supplies both
        return new AskViewModel(keys, this::prices, rules, tasks.background(), tasks::onUi);
    }
}
