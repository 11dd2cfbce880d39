package dev.breakeven.core.chat;

/**
 * The engine's own account of one answer (llama.cpp's {@code timings} object or its log): prompt and
 * generated token counts, milliseconds and rates. Rates are per second.
 */
public record EngineTimings(int promptTokens, double promptMs, double promptPerSecond,
                            int predictedTokens, double predictedMs, double predictedPerSecond) {
}
