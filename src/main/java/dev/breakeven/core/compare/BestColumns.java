package dev.breakeven.core.compare;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which option leads each column. Model-dependent columns only count options where the model runs; a column with
 * fewer than two known values flags nobody (there is nothing to beat).
 */
public final class BestColumns {

    /** The grid's columns, each with which way is better. */
    public enum Column {
        VRAM(true, r -> r.vramGiB() > 0 ? r.vramGiB() : null, false),
        BANDWIDTH(true, OptionResult::bandwidthGBps, false),
        TDP(false, OptionResult::tdpWatts, false),
        PRICE(false, OptionResult::priceUsd, false),
        DECODE(true, OptionResult::decodeTokPerSec, true),
        PREFILL(true, r -> r.prefillTokPerSec() > 0 ? r.prefillTokPerSec() : null, true),
        WATTS(false, OptionResult::watts, true),
        ENERGY_PER_MTOK(false, OptionResult::kwhPerMtok, true),
        LOCAL_USD_PER_MTOK(false, OptionResult::localUsdPerMtok, true),
        PAYBACK(false, OptionResult::paybackMonths, true);

        private final boolean higherIsBetter;
        private final Function<OptionResult, Double> value;
        private final boolean needsModel;

        Column(boolean higherIsBetter, Function<OptionResult, Double> value, boolean needsModel) {
            this.higherIsBetter = higherIsBetter;
            this.value = value;
            this.needsModel = needsModel;
        }

        public Double valueOf(OptionResult r) {
            if (needsModel && !r.runs()) {
                return null;
            }
            Double v = value.apply(r);
            return v == null || v.isNaN() ? null : v;
        }
    }

    private final Map<Column, Set<Integer>> best;

    private BestColumns(Map<Column, Set<Integer>> best) {
        this.best = best;
    }

    public static BestColumns of(List<OptionResult> rows) {
        Map<Column, Set<Integer>> map = new EnumMap<>(Column.class);
        for (Column c : Column.values()) {
            Double top = null;
            int known = 0;
            for (OptionResult r : rows) {
                Double v = c.valueOf(r);
                if (v == null) {
                    continue;
                }
                known++;
                if (top == null || (c.higherIsBetter ? v > top : v < top)) {
                    top = v;
                }
            }
            Set<Integer> winners = new HashSet<>();
            if (known >= 2) {
                for (int i = 0; i < rows.size(); i++) {
                    Double v = c.valueOf(rows.get(i));
                    if (v != null && Math.abs(v - top) <= 1e-9 * Math.max(1, Math.abs(top))) {
                        winners.add(i);
                    }
                }
            }
            map.put(c, Set.copyOf(winners));
        }
        return new BestColumns(map);
    }

    public boolean isBest(Column column, int optionIndex) {
        return best.get(column).contains(optionIndex);
    }

    /** The columns option {@code index} leads, for the JSON output. */
    public List<Column> ledBy(int index) {
        return best.entrySet().stream().filter(e -> e.getValue().contains(index)).map(Map.Entry::getKey).toList();
    }
}
