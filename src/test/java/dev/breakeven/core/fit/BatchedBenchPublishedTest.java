package dev.breakeven.core.fit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.io.Json;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.QuantCatalog;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Aggregate decode of B sequences against published multi-sequence runs (src/test/resources/fit/
 * batched-bench-published.json, with sources): llama.cpp {@code llama-batched-bench} tables (DGX Spark, M2 Ultra) and
 * vLLM concurrency sweeps (H100, A100). Each row is replayed through {@link FitPlanner#parallel} at the run's own
 * depth (every sequence's cache at PP + TG/2 tokens) and micro-batch; the printed table is the one in docs/fit.md.
 * Three classes, each with its own stated tolerance (per row on the growth over one sequence and on the rate, and
 * on the median growth error):
 * <ul>
 *   <li>dense models on llama.cpp: growth within 30 % (median 20 %), rate within 35 % (on the DGX Spark the
 *       single-stream figure itself is over-predicted 13-21 %; on the M2 Ultra under-predicted 24-27 %); gemma-3-4b is
 *       a known gap, held within 70 % ({@link #KNOWN_GAPS});</li>
 *   <li>MoE models on llama.cpp: batched-bench's sequences are identical (token 0 everywhere), so they all route to
 *       the same experts, while the planner assumes independent users whose tokens spread over more experts; growth
 *       within 55 % (median 25 %), rate within 70 %: the gap is reported, not hidden;</li>
 *   <li>vLLM: another engine (CUDA graphs, its own kernels) that the planner's llama.cpp calibration still matches
 *       where the rows are decode alone: growth within 15 % (median 10 %), rate within 25 %. Rows whose time per
 *       token includes other requests' prompts ({@code decodeOnly: false}) are printed, not held.</li>
 * </ul>
 */
class BatchedBenchPublishedTest {
    private static final String FILE = "/fit/batched-bench-published.json";
    private final FitPlanner planner = FitPlanner.standard();
    /**
     * Models whose rows the planner misses by more than their class allows, with the growth error they are held to:
     * gemma-3-4b's batched step costs about 0.8 ms more per sequence on the DGX Spark where the planner expects 0.4
     * (docs/fit.md), so its growth is over-predicted 17-66 %.
     */
    private static final Map<String, Double> KNOWN_GAPS = Map.of("gemma-3-4b", 0.70);

    private record Replay(String cls, String model, String label, double planned, double published,
                          double plannedGrowth, double publishedGrowth, boolean held) {
        double rateError() {
            return planned / published - 1;
        }

        double growthError() {
            return plannedGrowth / publishedGrowth - 1;
        }
    }

    static PlanRequest request(JsonNode row) {
        CatalogModel m = ModelCatalog.load().find(row.get("model").asText()).orElseThrow();
        var card = GpuCatalog.load().find(row.get("gpu").asText()).orElseThrow();
        HardwareTarget target = HardwareTargets.fromCatalog(card, new HostSpec(64L << 30, 80, 16));
        int pp = row.get("pp").asInt();
        int tg = row.get("tg").asInt();
        ModelWeights weights = ModelWeights.estimate(m,
                QuantCatalog.load().find(row.get("quant").asText()).orElseThrow());
        // each sequence holds PP + TG cells; the decode reads them at PP + TG/2 on average; -ub 2048 as in the runs
        return new PlanRequest(m.shape(), weights, pp + tg, KvCacheType.F16, 2048, 2048, true, 0, false,
                pp + tg / 2, target, 1).withParallel(row.get("batch").asInt());
    }

    private List<Replay> replay() throws Exception {
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream(FILE)) {
            doc = Json.mapper().readTree(in);
        }
        Map<String, double[]> single = new HashMap<>();
        List<Replay> out = new ArrayList<>();
        for (JsonNode row : doc.get("rows")) {
            String set = row.get("set").asText();
            JsonNode source = doc.get("sets").get(set);
            assertThat(source).as("set " + set + " has its source").isNotNull();
            assertThat(source.get("url").asText()).startsWith("https://");
            boolean moe = ModelCatalog.load().find(row.get("model").asText()).orElseThrow().shape()
                    .isMixtureOfExperts();
            String cls = "vllm".equals(source.get("engine").asText()) ? "vllm" : moe ? "moe" : "dense";
            String group = set + "|" + row.get("model").asText() + "|" + row.get("pp").asInt();
            int batch = row.get("batch").asInt();
            double published = row.get("tokPerSec").asDouble();
            double planned = planner.parallel(request(row)).aggregateDecodeTokPerSec();
            if (batch == 1) {
                single.put(group, new double[] {planned, published});
            }
            double[] one = single.get(group);
            assertThat(one).as("a B = 1 row precedes " + group).isNotNull();
            String label = String.format(Locale.ROOT, "%-16s %-16s %-5s pp%-5d B=%-2d", row.get("gpu").asText(),
                    row.get("model").asText(), row.get("quant").asText(), row.get("pp").asInt(), batch);
            boolean decodeOnly = !row.has("decodeOnly") || row.get("decodeOnly").asBoolean();
            out.add(new Replay(cls, row.get("model").asText(), label, planned, published, planned / one[0],
                    published / one[1], decodeOnly));
        }
        return out;
    }

    @Test
    void plannedAggregateDecodeFollowsPublishedMultiSequenceRuns() throws Exception {
        List<Replay> rows = replay();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(100);
        Map<String, double[]> limits = Map.of(
                "dense", new double[] {0.30, 0.35, 0.20},
                "moe", new double[] {0.55, 0.70, 0.25},
                "vllm", new double[] {0.15, 0.25, 0.10});
        Map<String, double[]> medians = new HashMap<>();
        for (String cls : List.of("dense", "moe", "vllm")) {
            for (Replay r : rows.stream().filter(r -> r.cls().equals(cls)).toList()) {
                System.out.printf(Locale.ROOT, "%-5s %s planned %7.1f published %7.1f (%+6.1f%%) growth %5.2f vs %5.2f (%+6.1f%%)%s%n",
                        cls, r.label(), r.planned(), r.published(), 100 * r.rateError(), r.plannedGrowth(),
                        r.publishedGrowth(), 100 * r.growthError(), r.held() ? "" : "  (not decode alone)");
            }
            List<Replay> of = rows.stream().filter(r -> r.cls().equals(cls) && r.held()).toList();
            assertThat(of).as(cls + " rows").isNotEmpty();
            List<Replay> batched = of.stream().filter(r -> r.publishedGrowth() != 1 || r.plannedGrowth() != 1)
                    .toList();
            double medianGrowth = median(batched.stream().mapToDouble(r -> Math.abs(r.growthError())).toArray());
            double medianRate = median(of.stream().mapToDouble(r -> Math.abs(r.rateError())).toArray());
            medians.put(cls, new double[] {medianGrowth, medianRate});
            System.out.printf(Locale.ROOT, "%s: %d rows, median |growth error| %.1f%% (B > 1), median |rate error| %.1f%%%n",
                    cls, of.size(), 100 * medianGrowth, 100 * medianRate);
        }
        for (Replay r : rows.stream().filter(Replay::held).toList()) {
            double[] limit = limits.get(r.cls());
            double gap = KNOWN_GAPS.getOrDefault(r.model(), 0.0);
            double growthLimit = Math.max(limit[0], gap);
            double rateLimit = Math.max(limit[1], gap + 0.40);
            assertThat(Math.abs(r.growthError())).as(r.cls() + " growth " + r.label()).isLessThan(growthLimit);
            assertThat(Math.abs(r.rateError())).as(r.cls() + " rate " + r.label()).isLessThan(rateLimit);
        }
        medians.forEach((cls, m) -> assertThat(m[0]).as(cls + " median growth error").isLessThan(limits.get(cls)[2]));
    }

    @Test
    void moreSequencesNeverLowerThePlannedAggregateOnTheseRuns() throws Exception {
        // published aggregates grow with B in every set; the plan must too (a regression to a wrong step would not)
        List<Replay> rows = replay();
        for (int i = 1; i < rows.size(); i++) {
            Replay prev = rows.get(i - 1);
            Replay cur = rows.get(i);
            if (cur.publishedGrowth() > prev.publishedGrowth() && cur.plannedGrowth() != 1) {
                assertThat(cur.planned()).as(cur.label()).isGreaterThan(prev.planned());
            }
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        if (v.length == 0) {
            return 0;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
