package dev.breakeven.core.cost;

/**
 * An output as a central value and the band the input ranges give it. Infinity stands for "never"
 * (payback, break-even); NaN for "unknown".
 */
public record Band(double low, double central, double high) {

    public static Band point(double value) {
        return new Band(value, value, value);
    }

    public boolean centralIsNever() {
        return central == Double.POSITIVE_INFINITY;
    }

    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
