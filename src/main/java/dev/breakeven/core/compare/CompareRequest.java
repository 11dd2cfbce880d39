package dev.breakeven.core.compare;

import dev.breakeven.core.cost.PointInputs;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.Quant;

/**
 * What every option is asked to run, and the workload and prices it is costed at.
 *
 * @param costInputs the user's workload, API prices, electricity and hours; hardware price, watts and speed are
 *                   filled in per option
 * @param apiName    the API model the payback is measured against, as the verdict names it
 */
public record CompareRequest(CatalogModel model, Quant quant, int contextLength, PointInputs costInputs,
                             String apiName) {
    public CompareRequest {
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
