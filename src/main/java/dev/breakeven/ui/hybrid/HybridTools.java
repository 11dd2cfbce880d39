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
public record HybridTools(ApiKeys keys, Path userPrices, Executor background) {

    public static HybridTools forUser(AppDirs dirs, Executor background) {
        return new HybridTools(ApiKeys.system(dirs.settings()), dirs.data().resolve(PriceCatalog.USER_FILE), background);
    }

    PriceCatalog prices() {
        return PriceCatalog.userOrBundled(userPrices);
    }

    AskViewModel ask(Supplier<RoutingRules> rules, Executor fx) {
        return new AskViewModel(keys, this::prices, rules, background, fx);
    }
}
