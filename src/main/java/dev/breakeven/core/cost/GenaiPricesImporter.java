package dev.breakeven.core.cost;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads Pydantic's genai-prices data ({@code prices/data.json}, also embedded in the npm package
 * {@code @pydantic/genai-prices}): an array of providers, each with models, a {@code match} rule for the names the
 * provider's API uses, and {@code prices} per million tokens ({@code input_mtok}, {@code output_mtok},
 * {@code cache_read_mtok}; a number, tiers with a {@code base}, or a list of date-constrained prices). A catalog entry
 * is matched by running the model's own rule on the entry's model name, as genai-prices itself resolves names.
 */
public final class GenaiPricesImporter {
    /** genai-prices' provider ids for the catalog's id prefixes. */
    static final Map<String, String> PROVIDERS = Map.of("openai", "openai", "anthropic", "anthropic",
            "google", "google", "xai", "x-ai", "mistral", "mistral", "together", "together", "deepseek", "deepseek",
            "groq", "groq", "fireworks", "fireworks");

    private GenaiPricesImporter() {
    }

    /**
     * Prices for the catalog's entries that genai-prices knows (keyed by the entry's id), then every other priced
     * model of the same providers (keyed {@code prefix/model-id}), each dated {@code checkedOn} with its source.
     */
    public static List<ApiPrice> read(JsonNode root, PriceCatalog current, LocalDate checkedOn, String via)
            throws IOException {
        if (root == null || !root.isArray()) {
            throw new IOException("not genai-prices data: expected a JSON array of providers");
        }
        List<ApiPrice> out = new ArrayList<>();
        Set<String> usedModels = new HashSet<>();
        for (ApiPrice entry : current.prices()) {
            int slash = entry.id().indexOf('/');
            String provider = slash < 0 ? null : PROVIDERS.get(entry.id().substring(0, slash));
            JsonNode p = provider == null ? null : provider(root, provider);
            if (p == null) {
                continue;
            }
            String model = entry.id().substring(slash + 1);
            for (JsonNode m : p.path("models")) {
                if (matches(m.path("match"), model)) {
                    ApiPrice priced = price(entry.id(), entry.name(), entry.provider(), entry.tier(), m, p, checkedOn, via);
                    if (priced != null) {
                        out.add(priced);
                        usedModels.add(provider + "/" + m.path("id").asText());
                    }
                    break;
                }
            }
        }
        for (Map.Entry<String, String> prefix : PROVIDERS.entrySet()) {
            JsonNode p = provider(root, prefix.getValue());
            if (p == null) {
                continue;
            }
            for (JsonNode m : p.path("models")) {
                String modelId = m.path("id").asText();
                if (usedModels.contains(prefix.getValue() + "/" + modelId)) {
                    continue;
                }
                String id = prefix.getKey() + "/" + modelId.toLowerCase(Locale.ROOT);
                ApiPrice priced = price(id, m.path("name").asText(modelId), p.path("name").asText(prefix.getKey()), null,
                        m, p, checkedOn, via);
                if (priced != null && current.find(id).isEmpty()) {
                    out.add(priced);
                }
            }
        }
        return out;
    }

    private static JsonNode provider(JsonNode root, String id) {
        for (JsonNode p : root) {
            if (id.equals(p.path("id").asText())) {
                return p;
            }
        }
        return null;
    }

    private static ApiPrice price(String id, String name, String provider, ApiTier tier, JsonNode model,
                                  JsonNode p, LocalDate checkedOn, String via) {
        JsonNode prices = current(model.path("prices"), checkedOn);
        Double in = base(prices.get("input_mtok"));
        Double out = base(prices.get("output_mtok"));
        if (in == null || out == null) {
            return null; // embeddings, images, audio: no per-token chat price
        }
        Double cached = base(prices.get("cache_read_mtok"));
        String page = p.path("pricing_urls").path(0).asText(p.path("name").asText());
        long context = model.path("context_window").asLong(0);
        return new ApiPrice(id, name, provider, tier != null ? tier : ApiTier.byOutputPrice(out), in, out, cached, context,
                checkedOn.toString(), page + " (via " + via + ": model '" + model.path("id").asText() + "' of '"
                + p.path("id").asText() + "')");
    }

    /** The prices in force on {@code day}: the last date-constrained entry that has started, else the first. */
    static JsonNode current(JsonNode prices, LocalDate day) {
        if (!prices.isArray()) {
            return prices;
        }
        for (int i = prices.size() - 1; i >= 0; i--) {
            JsonNode c = prices.get(i).path("constraint");
            if (c.isMissingNode()) {
                return prices.get(i).path("prices");
            }
            String start = c.path("start_date").asText("");
            if (!start.isEmpty() && start.compareTo(day.toString()) <= 0) {
                return prices.get(i).path("prices");
            }
        }
        return prices.path(0).path("prices");
    }

    /** A plain price, or a tiered price's base tier (the tiers start above 200k tokens of context). */
    static Double base(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue() >= 0 ? v.doubleValue() : null;
        }
        JsonNode b = v.path("base");
        return b.isNumber() && b.doubleValue() >= 0 ? b.doubleValue() : null;
    }

    /** genai-prices' name rules: equals, starts_with, ends_with, contains, regex, or/and; case-insensitive. */
    static boolean matches(JsonNode rule, String name) {
        String t = name.toLowerCase(Locale.ROOT);
        if (rule.has("or")) {
            for (JsonNode r : rule.get("or")) {
                if (matches(r, name)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("and")) {
            for (JsonNode r : rule.get("and")) {
                if (!matches(r, name)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("equals")) {
            return t.equals(rule.get("equals").asText().toLowerCase(Locale.ROOT));
        }
        if (rule.has("starts_with")) {
            return t.startsWith(rule.get("starts_with").asText().toLowerCase(Locale.ROOT));
        }
        if (rule.has("ends_with")) {
            return t.endsWith(rule.get("ends_with").asText().toLowerCase(Locale.ROOT));
        }
        if (rule.has("contains")) {
            return t.contains(rule.get("contains").asText().toLowerCase(Locale.ROOT));
        }
        if (rule.has("regex")) {
            return Pattern.compile(rule.get("regex").asText()).matcher(name).find();
        }
        return false;
    }
}
