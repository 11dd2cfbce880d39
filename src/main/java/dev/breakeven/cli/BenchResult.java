package dev.breakeven.cli;

/**
 * The {@code bench --json} contract. {@code decodeTokPerSec} is measured around the token stream,
 * {@code engineDecodeTokPerSec} is llama.cpp's own eval rate for the same run (null when it reports none).
 * {@code promptTokens} is what the engine reports it processed. {@code engine} is "builtin", "runtime" or the
 * server's URL (never with credentials). {@code engineArgs} are the fit plan's llama-server flags the runtime was
 * started with ({@code -np 1 -ngl 0 -fa on …}), empty for other engines.
 */
public record BenchResult(int promptTokens, int genTokens, Double ttftMs, Double promptTokPerSec,
                          Double decodeTokPerSec, Double engineDecodeTokPerSec, Double watts, String wattsSource,
                          Double joulesPerToken, String engine, java.util.List<String> engineArgs) {
}
