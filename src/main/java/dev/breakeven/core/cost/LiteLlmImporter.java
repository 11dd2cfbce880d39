package dev.breakeven.core.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads LiteLLM's {@code model_prices_and_context_window.json}: an object of model id → fields, prices per token
 * ({@code input_cost_per_token}, {@code output_cost_per_token}, {@code cache_read_input_token_cost}),
 * {@code max_input_tokens}, {@code litellm_provider} and {@code mode}. Only chat models with both prices are kept;
 * the {@code sample_spec} documentation entry and image, embedding and audio models are skipped.
 */
public final class LiteLlmImporter {
    public static final String SOURCE = "LiteLLM model_prices_and_context_window.json";
    private static final double PER_MILLION = 1_000_000;

    private LiteLlmImporter() {
    }

    /** What an import found and what it skipped, so the user can see why a model is missing. */
    public record Result(List<ApiPrice> prices, int skipped) {
        public Result {
            prices = List.copyOf(prices);
        }
    }

    public static Result read(InputStream in, LocalDate checkedOn) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !root.isObject()) {
            throw new IOException("not a LiteLLM price table: expected a JSON object of model entries");
        }
        List<ApiPrice> prices = new ArrayList<>();
        int skipped = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            ApiPrice price = toPrice(entry.getKey(), entry.getValue(), checkedOn);
            if (price == null) {
                skipped++;
            } else {
                prices.add(price);
            }
        }
        return new Result(prices, skipped);
    }

    static ApiPrice toPrice(String id, JsonNode node, LocalDate checkedOn) {
        if (id.equals("sample_spec") || !node.isObject()) {
            return null;
        }
        if (!"chat".equals(node.path("mode").asText(""))) {
            return null;
        }
        JsonNode in = node.get("input_cost_per_token");
        JsonNode out = node.get("output_cost_per_token");
        if (in == null || out == null || !in.isNumber() || !out.isNumber()
                || in.doubleValue() < 0 || out.doubleValue() < 0) {
            return null;
        }
        JsonNode cache = node.get("cache_read_input_token_cost");
        Double cached = cache != null && cache.isNumber() && cache.doubleValue() >= 0
                ? round(cache.doubleValue() * PER_MILLION) : null;
        double output = round(out.doubleValue() * PER_MILLION);
        String provider = node.path("litellm_provider").asText("unknown");
        long context = node.path("max_input_tokens").isNumber() ? node.get("max_input_tokens").longValue()
                : node.path("max_tokens").isNumber() ? node.get("max_tokens").longValue() : 0;
        String key = id.contains("/") ? id : provider.toLowerCase(Locale.ROOT) + "/" + id;
        return new ApiPrice(key, id, provider, ApiTier.byOutputPrice(output), round(in.doubleValue() * PER_MILLION),
                output, cached, context, checkedOn.toString(), SOURCE);
    }

    /** Per-token prices like 1.25e-06 scale to 1.2499999999 per million; twelve significant digits undo that. */
    private static double round(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(12)).doubleValue();
    }
}
