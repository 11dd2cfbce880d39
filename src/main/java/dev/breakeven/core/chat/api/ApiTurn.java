package dev.breakeven.core.chat.api;

/**
 * What one API answer took, from the provider's own usage report where it sent one: tokens, time to first token,
 * total time, output rate and cost at the catalog's price.
 *
 * @param target         {@code provider/model}
 * @param usageReported  false when the stream carried no usage and the counts are estimates (about 4 characters a token)
 * @param outputTokPerSec output tokens over the time from the first token to the last; null below two tokens
 * @param costUsd        null when the catalog has no price for the model ({@code priceId} is null then too)
 * @param error          null for a complete answer; else what went wrong (the partial answer is still kept)
 */
public record ApiTurn(String target, int inputTokens, int cachedInputTokens, int outputTokens, boolean usageReported,
                      Double ttftMs, double totalMs, Double outputTokPerSec, Double costUsd, String priceId,
                      String error) {
}
