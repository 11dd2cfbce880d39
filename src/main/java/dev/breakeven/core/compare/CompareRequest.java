package dev.breakeven.core.compare;

import dev.breakeven.core.cost.PointInputs;
import dev.breakeven.core.fit.FlashAttention;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.Quant;

/**
 * What every option is asked to run, and the workload and prices it is costed at.
 *
 * @param costInputs the user's workload, API prices, electricity and hours; hardware price, watts and speed are
 *                   filled in per option
 * @param apiName    the API model the payback is measured against, as the verdict names it
 * @param flashAttention llama.cpp's {@code -fa} setting every option is planned with (current llama-server)
 * @param concurrency streams served at once: capacity and rigs use the aggregate decode rate of that many slots
 */
public record CompareRequest(CatalogModel model, Quant quant, int contextLength, PointInputs costInputs,
                             String apiName, FlashAttention flashAttention, int concurrency) {
    public static final int MAX_CONCURRENCY = 256;

    /** One stream at a time, flash attention as llama-server's default ({@code auto}). */
    public CompareRequest(CatalogModel model, Quant quant, int contextLength, PointInputs costInputs, String apiName) {
        this(model, quant, contextLength, costInputs, apiName, FlashAttention.AUTO, 1);
    }

    public CompareRequest {
        if (flashAttention == null) {
            flashAttention = FlashAttention.AUTO;
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY
                    + " streams, got " + concurrency);
        }
        if (model == null || quant == null || costInputs == null) {
            throw new IllegalArgumentException("a comparison needs a model, a quant and the cost inputs");
        }
        if (contextLength < 1) {
            throw new IllegalArgumentException("context length must be at least 1 token, got " + contextLength);
        }
        if (apiName == null || apiName.isBlank()) {
            apiName = "the API";
        }
    }
}
