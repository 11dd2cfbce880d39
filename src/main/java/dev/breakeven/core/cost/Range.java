package dev.breakeven.core.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An input known only within bounds: the low and high ends and the value to plan with.
 * In scenario files a plain number is a point; {@code {"low":…,"mid":…,"high":…}} is a range
 * ({@code mid} defaults to the midpoint when left out).
 */
public record Range(double low, double mid, double high) {

    public static Range of(double value) {
        return new Range(value, value, value);
    }

    public static Range between(double low, double high) {
        return new Range(low, (low + high) / 2, high);
    }

    public boolean isPoint() {
        return low == high;
    }

    public double width() {
        return high - low;
    }

    public Range times(Range other) {
        return new Range(low * other.low, mid * other.mid, high * other.high);
    }

    /** Writes a point as a bare number and a range as {low, mid, high}: the same forms {@link #fromJson} reads. */
    @JsonValue
    Object toJson() {
        if (isPoint() && mid == low) {
            return mid;
        }
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("low", low);
        m.put("mid", mid);
        m.put("high", high);
        return m;
    }

    /** Reads either a bare number or an object with low/mid/high, so hand-written files stay short. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Range fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return of(node.doubleValue());
        }
        if (node.isObject()) {
            for (var it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!name.equals("low") && !name.equals("mid") && !name.equals("high")) {
                    throw new IllegalArgumentException("unknown range field '" + name + "' (expected low, mid, high)");
                }
            }
            JsonNode low = node.get("low");
            JsonNode high = node.get("high");
            JsonNode mid = node.get("mid");
            if (low == null || high == null || !low.isNumber() || !high.isNumber()) {
                throw new IllegalArgumentException("a range needs numeric 'low' and 'high'");
            }
            if (mid != null && !mid.isNumber()) {
                throw new IllegalArgumentException("a range's 'mid' must be a number");
            }
            double lo = low.doubleValue();
            double hi = high.doubleValue();
            return new Range(lo, mid == null ? (lo + hi) / 2 : mid.doubleValue(), hi);
        }
        throw new IllegalArgumentException("expected a number or {low, mid, high}, got " + node.getNodeType());
    }

    @Override
    public String toString() {
        return isPoint() ? Double.toString(mid) : low + "–" + high + " (" + mid + ")";
    }
}
