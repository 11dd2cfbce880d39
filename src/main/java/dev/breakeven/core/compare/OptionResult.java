package dev.breakeven.core.compare;

import dev.breakeven.core.fit.Verdict;

/**
 * One option's row of the comparison. Null means unknown or not applicable: cost figures need a price and a
 * power figure and a model that runs; payback is also null when the option never pays back.
 *
 * @param vramGiB          memory the planner may fill, in GiB (what a card's box calls GB)
 * @param largestModelId   largest catalog model that runs fully on the GPU at the settings' quant and context
 * @param needGiB          memory the chosen model needs to sit entirely on the GPU
 * @param watts            TDP × the load factor
 * @param kwhPerMtok       energy per million generated tokens
 * @param localUsdPerMtok  local cost per million tokens of the workload (amortisation and power), from core.cost
 * @param paybackMonths    months until avoided API bills pay for the hardware, from core.cost
 * @param rigsNeeded       copies of this option the workload needs to keep up
 * @param cumulativeUsd    cash out by the end of each month 0..36, local
 * @param verdict          the sentence a person reads
 * @param users            streams served at once (the request's concurrency)
 * @param servedTokPerSec  what all {@code users} streams decode together (llama-server {@code -np users}); equals
 *                         {@code decodeTokPerSec} for one user. Capacity, energy per token and rigs follow it
 */
public record OptionResult(String label, int cards, double vramGiB, double bandwidthGBps, Double tdpWatts,
                           Double priceUsd, String largestModelId, String largestModelName, Verdict fit,
                           double needGiB, double decodeTokPerSec, double prefillTokPerSec, Double watts,
                           Double kwhPerMtok, Double localUsdPerMtok, Double paybackMonths, Integer rigsNeeded,
                           double[] cumulativeUsd, String verdict, int users, double servedTokPerSec) {

    /** The model runs at all (on the GPU, split or on the CPU). */
    public boolean runs() {
        return fit != Verdict.NONE && decodeTokPerSec > 0;
    }

    /** Decode tok/s per $1000 spent; null without a price. */
    public Double tokPerSecPerKiloUsd() {
        return priceUsd == null || priceUsd <= 0 || !runs() ? null : decodeTokPerSec / priceUsd * 1000;
    }
}
