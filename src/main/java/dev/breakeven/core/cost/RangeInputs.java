package dev.breakeven.core.cost;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** A {@link Range} per {@link CostInput}; a missing optional input stays absent. */
public final class RangeInputs {
    private final EnumMap<CostInput, Range> ranges;

    private RangeInputs(EnumMap<CostInput, Range> ranges) {
        this.ranges = ranges;
    }

    public static RangeInputs of(Map<CostInput, Range> ranges) {
        EnumMap<CostInput, Range> copy = new EnumMap<>(CostInput.class);
        copy.putAll(ranges);
        return new RangeInputs(copy);
    }

    /** Every input at the given point (no uncertainty). */
    public static RangeInputs points(PointInputs point) {
        EnumMap<CostInput, Range> map = new EnumMap<>(CostInput.class);
        for (CostInput key : CostInput.values()) {
            if (point.has(key)) {
                map.put(key, Range.of(point.get(key)));
            }
        }
        return new RangeInputs(map);
    }

    public Range get(CostInput key) {
        return ranges.get(key);
    }

    public RangeInputs with(CostInput key, Range range) {
        EnumMap<CostInput, Range> copy = new EnumMap<>(ranges);
        if (range == null) {
            copy.remove(key);
        } else {
            copy.put(key, range);
        }
        return new RangeInputs(copy);
    }

    public Map<CostInput, Range> asMap() {
        return Collections.unmodifiableMap(ranges);
    }

    public PointInputs mid() {
        PointInputs p = PointInputs.blank();
        for (Map.Entry<CostInput, Range> e : ranges.entrySet()) {
            p = p.with(e.getKey(), e.getValue().mid());
        }
        return p;
    }
}
