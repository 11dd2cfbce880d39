package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.api.ApiKeys;
import dev.breakeven.core.chat.api.ApiProvider;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.io.AppDirs;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.core.router.RoutingRulesStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the Chat page needs to offer API models and the hybrid engine: keys and endpoints the SDK way (environment,
 * then the owner-only key file — the same as the CLI and the Hybrid page), the price catalog for each turn's cost,
 * and the routing rules the Hybrid page edits. Every method may read files: call off the FX thread.
 */
record ApiAccess(ApiKeys keys, Supplier<PriceCatalog> prices, Supplier<RoutingRules> rules) {

    static ApiAccess forUser(AppDirs dirs) {
        return new ApiAccess(ApiKeys.system(dirs.settings()),
                () -> PriceCatalog.userOrBundled(dirs.data().resolve(PriceCatalog.USER_FILE)),
                () -> RoutingRulesStore.inSettings(dirs.settings()).load().rules());
    }

    /**
     * The catalog's models of every provider with a key, as {@code provider/model}: OpenRouter (whose names carry
     * the vendor) offers every catalog model; the others their own.
     */
    List<String> offered() throws IOException {
        Map<ApiProvider, String> configured = keys.configured();
        List<String> targets = new ArrayList<>();
        for (ApiPrice price : prices.get().prices()) {
            for (ApiProvider provider : configured.keySet()) {
                String prefix = provider.catalogPrefix();
                if (prefix.isEmpty()) {
                    targets.add(provider.id() + "/" + price.id());
                } else if (price.id().startsWith(prefix + "/")) {
                    targets.add(provider.id() + price.id().substring(prefix.length()));
                }
            }
        }
        return targets.stream().distinct().sorted().toList();
    }

    /** "API keys: openai (environment OPENAI_API_KEY)" or how to add one; never the key. */
    String keyStatus() {
        try {
            Map<ApiProvider, String> found = keys.configured();
            return found.isEmpty() ? "No API key yet: set e.g. OPENAI_API_KEY (and OPENAI_BASE_URL for another "
                    + "endpoint), or save one below (kept in " + keys.file() + ", readable by you only)."
                    : "API keys: " + found.entrySet().stream().map(e -> e.getKey().id() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining(", "));
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
