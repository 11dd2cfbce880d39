package dev.breakeven.ui.hybrid;

import dev.breakeven.core.chat.api.ApiKeys;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.io.AppDirs;
import dev.breakeven.core.router.RoutingRules;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Where the Hybrid page's API, measurement, price and guide sections keep and find things: the key file in the
 * settings folder, the user's price catalog in the data folder.
 */
public record HybridTools(ApiKeys keys, Path userPrices, Path settings, Executor background) {

    public static HybridTools forUser(AppDirs dirs, Executor background) {
        return new HybridTools(ApiKeys.system(dirs.settings()), dirs.data().resolve(PriceCatalog.USER_FILE), dirs.settings(),
                background);
    }

    PriceCatalog prices() {
        return PriceCatalog.userOrBundled(userPrices);
    }

    DecisionGuideViewModel guide() {
        return new DecisionGuideViewModel(dev.breakeven.core.router.CapabilityGaps.load(settings));
    }

    PricesViewModel prices(Executor fx) {
        return new PricesViewModel(userPrices, background, fx, java.time.LocalDate::now);
    }

    AskViewModel ask(Supplier<RoutingRules> rules, Executor fx) {
        return new AskViewModel(keys, this::prices, rules, background, fx);
    }
}
