package dev.breakeven.cli;

/**
 * The {@code bench --json} contract. {@code decodeTokPerSec} is measured around the token stream,
 * {@code engineDecodeTokPerSec} is llama.cpp's own eval rate for the same run (null when it reports none).
 * {@code promptTokens} is what the engine reports it processed. {@code engine} is "builtin", "runtime" or the
 * server's URL (never with credentials).
 */
public record BenchResult(int promptTokens, int genTokens, Double ttftMs, Double promptTokPerSec,
                          Double decodeTokPerSec, Double engineDecodeTokPerSec, Double watts, String wattsSource,
                          Double joulesPerToken, String engine) {
}
