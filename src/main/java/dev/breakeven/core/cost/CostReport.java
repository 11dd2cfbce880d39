package dev.breakeven.core.cost;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A one-page HTML report of a scenario for a client: headline figures with their ranges, the inputs, the charts
 * as embedded PNGs (data: URIs, so the file stands alone), the price-age warning and, if asked, the rule-of-thumb check.
 */
public final class CostReport {
    private CostReport() {
    }

    /** A chart picture to embed. */
    public record Figure(String title, byte[] png) {
    }

    /**
     * The GPU comparison of a scenario, already formatted: one row per figure, one column per option, and a verdict
     * per option. {@code best[row][column]} marks the cells that lead their row.
     */
    public record ComparisonTable(String caption, List<String> options, List<String> figures, List<List<String>> cells,
                                  boolean[][] best, List<String> verdicts) {
    }

    public static String html(String name, String description, RangeInputs inputs, CostBands bands,
                              String stalenessWarning, List<Figure> figures, List<RuleOfThumbCheck.Row> ruleRows) {
        return html(name, description, inputs, bands, stalenessWarning, figures, ruleRows, null);
    }

    /** The report with the GPU comparison table after the result, when {@code comparison} is not null. */
    public static String html(String name, String description, RangeInputs inputs, CostBands bands,
                              String stalenessWarning, List<Figure> figures, List<RuleOfThumbCheck.Row> ruleRows,
                              ComparisonTable comparison) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(name)).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;color:#1f2328}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #d1d9e0;padding:4px 8px;")
                .append("text-align:left}.warn{background:#fff8c5;padding:8px}img{max-width:100%;margin:0.5em 0}")
                .append("</style></head><body>\n");
        h.append("<h1>").append(esc(name)).append("</h1>\n");
        if (description != null && !description.isBlank()) {
            h.append("<p>").append(esc(description)).append("</p>\n");
        }
        if (stalenessWarning != null && !stalenessWarning.isBlank()) {
            h.append("<p class=\"warn\">").append(esc(stalenessWarning)).append("</p>\n");
        }
        h.append("<h2>Result</h2>\n<table><tr><th>Figure</th><th>Central</th><th>Range</th></tr>\n");
        for (CostMetric m : CostMetric.values()) {
            Band b = bands.band(m);
            h.append("<tr><td>").append(esc(m.label())).append("</td><td>").append(format(m, b.central()))
                    .append("</td><td>").append(format(m, b.low())).append(" – ").append(format(m, b.high()))
                    .append("</td></tr>\n");
        }
        CostResult c = bands.central();
        h.append("</table>\n<p>Rigs needed: ").append(c.rigsNeeded() == null ? "none can serve it" : c.rigsNeeded())
                .append(c.capacityTokensPerDay() == null ? " (capacity unknown: no throughput given)"
                        : String.format(Locale.ROOT, " (%,.0f output tokens/day each)", c.capacityTokensPerDay()))
                .append(".</p>\n");
        if (comparison != null) {
            appendComparison(h, comparison);
        }
        h.append("<h2>Inputs</h2>\n<table><tr><th>Input</th><th>Value</th><th>Unit</th></tr>\n");
        for (CostInput key : CostInput.values()) {
            Range r = inputs.get(key);
            h.append("<tr><td>").append(esc(key.label())).append("</td><td>")
                    .append(r == null ? "—" : esc(RangeText.format(r))).append("</td><td>").append(esc(key.unit()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Figure f : figures) {
            h.append("<h2>").append(esc(f.title())).append("</h2>\n<img alt=\"").append(esc(f.title()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(f.png()))
                    .append("\">\n");
        }
        if (ruleRows != null && !ruleRows.isEmpty()) {
            h.append("<h2>Rule of thumb, checked</h2>\n<table><tr><th>Part</th><th>Claimed</th><th>Computed</th>")
                    .append("<th>Verdict</th><th>Sum</th></tr>\n");
            for (RuleOfThumbCheck.Row row : ruleRows) {
                h.append("<tr><td>").append(esc(row.part())).append("</td><td>").append(esc(row.claimed()))
                        .append("</td><td>").append(esc(row.computed())).append("</td><td>")
                        .append(esc(row.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ')))
                        .append("</td><td>").append(esc(row.arithmetic())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<p><small>Formulas and sources: docs/costs.md. Payback = upfront hardware price ÷ (API monthly − ")
                .append("local electricity monthly).</small></p>\n</body></html>\n");
        return h.toString();
    }

    private static void appendComparison(StringBuilder h, ComparisonTable t) {
        h.append("<h2>GPU comparison</h2>\n<p>").append(esc(t.caption())).append("</p>\n<table><tr><th>Figure</th>");
        t.options().forEach(o -> h.append("<th>").append(esc(o)).append("</th>"));
        h.append("</tr>\n");
        for (int r = 0; r < t.figures().size(); r++) {
            h.append("<tr><td>").append(esc(t.figures().get(r))).append("</td>");
            for (int c = 0; c < t.options().size(); c++) {
                boolean best = t.best() != null && r < t.best().length && c < t.best()[r].length && t.best()[r][c];
                h.append(best ? "<td class=\"best\"><b>" : "<td>").append(esc(t.cells().get(r).get(c)))
                        .append(best ? " ★</b></td>" : "</td>");
            }
            h.append("</tr>\n");
        }
        h.append("<tr><td>Verdict</td>");
        t.verdicts().forEach(v -> h.append("<td>").append(esc(v)).append("</td>"));
        h.append("</tr>\n</table>\n<p><small>★ best in its row. Multi-GPU: llama.cpp layer split, VRAM adds up, ")
                .append("a token runs at one card's bandwidth (docs/compare.md).</small></p>\n");
    }

    private static String format(CostMetric m, double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return "never";
        }
        return switch (m) {
            case PAYBACK_MONTHS -> String.format(Locale.ROOT, "%.1f months", v);
            case BREAK_EVEN_TOKENS -> String.format(Locale.ROOT, "%,.0f tokens/month", v);
            case LOCAL_USD_PER_MTOK, API_USD_PER_MTOK -> String.format(Locale.ROOT, "$%.3f per M tokens", v);
            default -> String.format(Locale.ROOT, "$%,.2f", v);
        };
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
