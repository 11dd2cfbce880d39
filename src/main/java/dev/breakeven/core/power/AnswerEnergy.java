package dev.breakeven.core.power;

/**
 * The energy one answer used: joules integrated from the sampled watts over its duration.
 * {@code source}/{@code measured} say whether the watts were measured or estimated.
 */
public record AnswerEnergy(double joules, double seconds, double averageWatts, double peakWatts,
                           int samples, String source, boolean measured) {
    public static final double JOULES_PER_KWH = 3_600_000.0;

    public static AnswerEnergy none(String source, boolean measured) {
        return new AnswerEnergy(0, 0, 0, 0, 0, source, measured);
    }

    public String label() {
        return PowerMeter.labelFor(source, measured);
    }

    /** Joules per generated token; 0 when no token was generated. */
    public double joulesPerToken(long tokens) {
        return tokens > 0 ? joules / tokens : 0;
    }

    public double kilowattHours() {
        return joules / JOULES_PER_KWH;
    }

    /** Electricity cost of this answer at a price per kWh, in that price's currency. */
    public double cost(double pricePerKwh) {
        return electricityCost(joules, pricePerKwh);
    }

    public static double electricityCost(double joules, double pricePerKwh) {
        if (!(pricePerKwh >= 0) || !Double.isFinite(pricePerKwh)) {
            throw new IllegalArgumentException("price per kWh must be a non-negative number: " + pricePerKwh);
        }
        return joules / JOULES_PER_KWH * pricePerKwh;
    }
}
