package dev.breakeven.core.chat;

/**
 * How the next token is drawn. Defaults follow llama.cpp's own (temperature 0.8, top-p 0.95, top-k 40,
 * min-p 0.05, repeat penalty 1.0 i.e. off) with a cap on answer length. A negative seed means random.
 */
public record SamplingSettings(double temperature, double topP, int topK, double minP, double repeatPenalty,
                               long seed, int maxTokens) {

    public SamplingSettings {
        if (temperature < 0 || temperature > 5) {
            throw new IllegalArgumentException("temperature must be between 0 and 5, not " + temperature);
        }
        if (topP <= 0 || topP > 1) {
            throw new IllegalArgumentException("top-p must be above 0 and at most 1, not " + topP);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be 0 (off) or more, not " + topK);
        }
        if (minP < 0 || minP >= 1) {
            throw new IllegalArgumentException("min-p must be from 0 up to 1, not " + minP);
        }
        if (repeatPenalty <= 0) {
            throw new IllegalArgumentException("repeat penalty must be above 0, not " + repeatPenalty);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be at least 1, not " + maxTokens);
        }
    }

    public static SamplingSettings defaults() {
        return new SamplingSettings(0.8, 0.95, 40, 0.05, 1.0, -1, 1024);
    }

    public SamplingSettings withMaxTokens(int tokens) {
        return new SamplingSettings(temperature, topP, topK, minP, repeatPenalty, seed, tokens);
    }

    public SamplingSettings withSeed(long newSeed) {
        return new SamplingSettings(temperature, topP, topK, minP, repeatPenalty, newSeed, maxTokens);
    }
}
