package dev.breakeven.core.ledger;

/**
 * One day or month of local answers: tokens in and out, energy, its electricity cost, what the same tokens would
 * have cost on the chosen API, and the difference. {@code answersWithoutEnergy} counts answers stored without a
 * power figure (their energy and electricity are not in the sums, so "saved" is then an upper bound).
 */
public record LedgerPeriod(String period, int answers, long tokensIn, long tokensOut, double joules,
                           double electricityUsd, double apiUsd, int answersWithoutEnergy) {

    public double kilowattHours() {
        return joules / 3_600_000.0;
    }

    /** API cost minus electricity: what running locally saved (negative when it cost more). */
    public double savedUsd() {
        return apiUsd - electricityUsd;
    }

    LedgerPeriod plus(LedgerPeriod o) {
        return new LedgerPeriod(period, answers + o.answers, tokensIn + o.tokensIn, tokensOut + o.tokensOut,
                joules + o.joules, electricityUsd + o.electricityUsd, apiUsd + o.apiUsd,
                answersWithoutEnergy + o.answersWithoutEnergy);
    }
}
