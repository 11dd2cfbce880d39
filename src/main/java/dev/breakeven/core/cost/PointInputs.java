package dev.breakeven.core.cost;

import java.util.Arrays;

/**
 * One value per {@link CostInput}: the form the model evaluates. Backed by an array indexed by
 * ordinal so the many what-if evaluations behind bands and the tornado cost a copy, not a map.
 * A missing optional input (throughput) is NaN.
 */
public final class PointInputs {
    private static final CostInput[] KEYS = CostInput.values();
    private final double[] values;

    private PointInputs(double[] values) {
        this.values = values;
    }

    /** All zero except throughput (unknown); start from here and set what is known. */
    public static PointInputs blank() {
        double[] v = new double[KEYS.length];
        v[CostInput.TOK_PER_SEC.ordinal()] = Double.NaN;
        return new PointInputs(v);
    }

    public double get(CostInput key) {
        return values[key.ordinal()];
    }

    public boolean has(CostInput key) {
        return !Double.isNaN(values[key.ordinal()]);
    }

    /** A copy with one input changed. */
    public PointInputs with(CostInput key, double value) {
        double[] copy = values.clone();
        copy[key.ordinal()] = value;
        return new PointInputs(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointInputs other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("PointInputs{");
        for (CostInput key : KEYS) {
            s.append(key.name()).append('=').append(values[key.ordinal()]).append(' ');
        }
        return s.append('}').toString();
    }
}
