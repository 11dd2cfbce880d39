package dev.breakeven.core.compare;

import dev.breakeven.core.cost.CostReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The grid's rows as text, shared by the Compare page and the report so both read the same. */
public final class ComparisonRows {

    /** One row: its label, the column it is ranked by (null when unranked), and how a cell reads. */
    public record Row(String label, BestColumns.Column column, Function<OptionResult, String> text) {
    }

    public static final List<Row> ROWS = List.of(
            new Row("VRAM", BestColumns.Column.VRAM, r -> r.vramGiB() > 0 ? fmt("%.0f GB", r.vramGiB()) : "none"),
            new Row("Bandwidth per token", BestColumns.Column.BANDWIDTH, r -> fmt("%.0f GB/s", r.bandwidthGBps())),
            new Row("TDP", BestColumns.Column.TDP, r -> r.tdpWatts() == null ? "unknown" : fmt("%.0f W", r.tdpWatts())),
            new Row("Price", BestColumns.Column.PRICE, r -> r.priceUsd() == null ? "unknown" : fmt("$%,.0f", r.priceUsd())),
            new Row("Largest model fully on GPU (Q4_K_M, 8k)", null,
                    r -> r.largestModelName() == null ? "none" : r.largestModelName()),
            new Row("Fit", null, r -> switch (r.fit()) {
                case FULL -> "all on GPU";
                case PARTIAL -> "GPU + RAM";
                case CPU -> "CPU only";
                case NONE -> "does not fit";
            }),
            new Row("Decode", BestColumns.Column.DECODE, r -> r.runs() ? fmt("%.1f tok/s", r.decodeTokPerSec()) : "—"),
            new Row("Users at once", null, ComparisonRows::served),
            new Row("Prefill", BestColumns.Column.PREFILL,
                    r -> r.runs() && r.prefillTokPerSec() > 0 ? fmt("%.0f tok/s", r.prefillTokPerSec()) : "—"),
            new Row("Power under load", BestColumns.Column.WATTS, r -> r.watts() == null ? "unknown" : fmt("%.0f W", r.watts())),
            new Row("Energy per M tokens", BestColumns.Column.ENERGY_PER_MTOK,
                    r -> r.kwhPerMtok() == null ? "—" : fmt("%.2f kWh", r.kwhPerMtok())),
            new Row("Local cost per M tokens", BestColumns.Column.LOCAL_USD_PER_MTOK,
                    r -> r.localUsdPerMtok() == null ? "—" : fmt("$%.3f", r.localUsdPerMtok())),
            new Row("Payback", BestColumns.Column.PAYBACK, ComparisonRows::payback));

    private ComparisonRows() {
    }

    /** What all the users decode together and what each sees (one user: the decode row). */
    static String served(OptionResult r) {
        if (!r.runs() || r.servedTokPerSec() <= 0) {
            return "—";
        }
        if (r.users() <= 1) {
            return "1: as decode";
        }
        return fmt("%d: %.1f tok/s in all, %.1f each", r.users(), r.servedTokPerSec(),
                r.servedTokPerSec() / r.users());
    }

    static String payback(OptionResult r) {
        if (!r.runs() || r.priceUsd() == null || r.watts() == null) {
            return "—";
        }
        return r.paybackMonths() == null ? "never" : fmt("%.1f months", r.paybackMonths());
    }

    /** The comparison as the cost report's table. */
    public static CostReport.ComparisonTable table(Comparison c) {
        List<String> options = c.options().stream().map(OptionResult::label).toList();
        List<String> labels = ROWS.stream().map(Row::label).toList();
        List<List<String>> cells = new ArrayList<>();
        boolean[][] best = new boolean[ROWS.size()][options.size()];
        for (int r = 0; r < ROWS.size(); r++) {
            Row row = ROWS.get(r);
            cells.add(c.options().stream().map(row.text()).toList());
            for (int o = 0; o < options.size(); o++) {
                best[r][o] = row.column() != null && c.best().isBest(row.column(), o);
            }
        }
        CompareRequest q = c.request();
        String caption = String.format(Locale.ROOT, "%s at %s, %d tokens of context, against %s.", q.model().name(),
                q.quant().id(), q.contextLength(), q.apiName());
        return new CostReport.ComparisonTable(caption, options, labels, cells, best,
                c.options().stream().map(OptionResult::verdict).toList());
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
