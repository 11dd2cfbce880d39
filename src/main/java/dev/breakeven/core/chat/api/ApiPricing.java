package dev.breakeven.core.chat.api;

import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.PriceCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the catalog price of the model an API call used. Providers name models with dates and dots the catalog does
 * not ({@code claude-sonnet-4-5-20250929}, {@code anthropic/claude-sonnet-4.5} on OpenRouter), so the lookup tries the
 * exact id, then without a trailing date, then with dots as dashes.
 */
public final class ApiPricing {
    private ApiPricing() {
    }

    public static Optional<ApiPrice> find(PriceCatalog catalog, ApiTarget target) {
        for (String id : candidates(target)) {
            Optional<ApiPrice> p = catalog.find(id);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    static List<String> candidates(ApiTarget target) {
        String prefix = target.provider().catalogPrefix();
        String model = target.model().toLowerCase(Locale.ROOT);
        List<String> ids = new ArrayList<>();
        for (String m : List.of(model, model.replaceAll("-(20\\d{6}|20\\d{2}-\\d{2}-\\d{2}|latest)$", ""))) {
            for (String v : List.of(m, m.replace('.', '-'))) {
                String id = prefix.isEmpty() ? v : prefix + "/" + v;
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        if (!prefix.isEmpty()) {
            ids.add(target.provider().id() + "/" + model);
        }
        return ids;
    }

    /** US dollars for these token counts; cached input at the cached price where the catalog has one. */
    public static double cost(ApiPrice price, int input, int cached, int output) {
        int uncached = Math.max(0, input - cached);
        return (uncached * price.inputUsdPerMtok() + Math.min(cached, input) * price.effectiveCachedUsdPerMtok()
                + output * price.outputUsdPerMtok()) / 1_000_000.0;
    }
}
