package dev.breakeven.core.fit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.breakeven.core.io.Json;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.QuantCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CPU-only MoE prompt speed against published llama-bench runs on named CPUs ({@code fit/cpu-moe-published.json},
 * each row with its URL and date). Two views: the shipped calibration as it plans an uncalibrated machine, and a
 * machine calibrated on a dense model of the same run (compute rate and RAM rate from that dense row, as the Hardware
 * page's Calibrate does), which isolates the MoE part. Before: every FLOP at the CPU rate (no weight stream); after:
 * the micro-batch also reads the weights it touches from RAM ({@link ThroughputModel#cpuPrefillSeconds}).
 * The figures it prints are the ones in docs/fit.md, "MoE prefill".
 */
class CpuMoePrefillPublishedTest {
    record Row(String cpu, int cores, int threads, String memory, Double bandwidthGBps, String model, String quant,
               boolean moe, int ubatch, int ppTokens, double ppTokPerSec, Double tgTokPerSec, String build,
               String date, String source, String notes) {
    }

    record Rows(String note, String checked, List<Row> rows) {
    }

    private final CalibrationData data = CalibrationData.load();
    private final MemoryModel memory = new MemoryModel(data.constants());
    private final ThroughputModel before = Calibration.fit(data, ModelCatalog.load(), QuantCatalog.load(), memory,
            ThroughputModel.PrefillForm.FLAT).model();
    private final ThroughputModel after = Calibration.fit(data, ModelCatalog.load(), QuantCatalog.load(), memory,
            ThroughputModel.PrefillForm.WEIGHT_STREAM).model();

    @Test
    void everyRowNamesItsCpuCoresSourceAndDateAndResolvesInTheCatalogs() throws IOException {
        List<Row> rows = rows();
        assertThat(rows.stream().filter(Row::moe).map(Row::model).distinct())
                .contains("gpt-oss-20b", "qwen3-30b-a3b");
        for (Row r : rows) {
            assertThat(r.source()).startsWith("https://github.com/");
            assertThat(r.date()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(r.cores()).isPositive().isEqualTo(r.threads());
            assertThat(ModelCatalog.load().find(r.model())).isPresent();
            assertThat(QuantCatalog.load().find(r.quant())).isPresent();
        }
    }

    @Test
    void onAMachineCalibratedOnADenseModelTheWeightStreamBringsTheMoeRowIn() throws IOException {
        List<Row> rows = rows();
        int pairs = 0;
        for (Row moe : rows.stream().filter(Row::moe).toList()) {
            Row dense = rows.stream().filter(r -> !r.moe() && r.cpu().equals(moe.cpu()) && r.date().equals(moe.date()))
                    .findFirst().orElse(null);
            if (dense == null) {
                continue;
            }
            pairs++;
            // the machine as a calibration on the dense row sees it: RAM rate from its decode, compute from its prompt
            double effectiveBandwidth = dense.tgTokPerSec() * decode(dense).hostBytes();
            double bandwidth = effectiveBandwidth / after.factors("cpu").decodeEfficiency() / 1e9;
            Work d = work(dense);
            Work m = work(moe);
            double flatScale = dense.ppTokPerSec() * before.cpuPrefillSeconds(dense.cores(), d.flops, bandwidth,
                    d.stream, dense.ubatch(), 1);
            double streamCompute = 1.0 / dense.ppTokPerSec()
                    - after.streamSecondsPerToken("cpu", bandwidth, d.stream, 0, dense.ubatch());
            double streamScale = after.cpuComputeSeconds(dense.cores(), d.flops) / streamCompute;
            double predictedBefore = 1.0 / before.cpuPrefillSeconds(moe.cores(), m.flops, bandwidth, m.stream,
                    moe.ubatch(), flatScale);
            double predictedAfter = 1.0 / after.cpuPrefillSeconds(moe.cores(), m.flops, bandwidth, m.stream,
                    moe.ubatch(), streamScale);
            double errorBefore = (predictedBefore - moe.ppTokPerSec()) / moe.ppTokPerSec();
            double errorAfter = (predictedAfter - moe.ppTokPerSec()) / moe.ppTokPerSec();
            System.out.printf(Locale.ROOT, "calibrated on %s %s (%.1f tok/s, RAM %.1f GB/s effective): %s %s pp%d"
                            + " %.1f, before %.1f (%+.0f%%), after %.1f (%+.0f%%); MoE FLOP rate / dense %.2f%n",
                    dense.model(), dense.quant(), dense.ppTokPerSec(), effectiveBandwidth / 1e9, moe.model(),
                    moe.quant(), moe.ppTokens(), moe.ppTokPerSec(), predictedBefore, 100 * errorBefore,
                    predictedAfter, 100 * errorAfter,
                    moe.ppTokPerSec() * m.flops / (dense.ppTokPerSec() * d.flops));
            assertThat(Math.abs(errorAfter)).isLessThan(0.3).isLessThan(Math.abs(errorBefore) / 2);
        }
        assertThat(pairs).isPositive();
    }

    @Test
    void uncalibratedMachinesAreReportedAndTheStreamOnlyAddsTime() throws IOException {
        for (Row r : rows().stream().filter(Row::moe).toList()) {
            Work w = work(r);
            // where the source names no memory, the RAM rate its own decode figure implies
            double bandwidth = r.bandwidthGBps() != null ? r.bandwidthGBps()
                    : r.tgTokPerSec() * decode(r).hostBytes() / after.factors("cpu").decodeEfficiency() / 1e9;
            double b = 1.0 / before.cpuPrefillSeconds(r.cores(), w.flops, bandwidth, w.stream, r.ubatch(), 1);
            double a = 1.0 / after.cpuPrefillSeconds(r.cores(), w.flops, bandwidth, w.stream, r.ubatch(), 1);
            double tg = 1.0 / after.decodeSeconds("cpu", bandwidth, decode(r).hostBytes(), 0);
            System.out.printf(Locale.ROOT, "%-60s %-13s %-6s pp%-4d %7.2f  before %7.2f (%+4.0f%%)  after %7.2f"
                            + " (%+4.0f%%)  %.1f GFLOPS/core achieved (planner %.1f); tg %.2f planned %.2f%s%n",
                    r.cpu(), r.model(), r.quant(), r.ppTokens(), r.ppTokPerSec(), b,
                    100 * (b - r.ppTokPerSec()) / r.ppTokPerSec(), a, 100 * (a - r.ppTokPerSec()) / r.ppTokPerSec(),
                    r.ppTokPerSec() * w.flops / r.cores() / 1e9, after.factors("cpu").prefillEfficiency(),
                    r.tgTokPerSec(), tg, r.bandwidthGBps() == null ? " (RAM from its own tg)" : "");
            // what separates these machines uncalibrated is the per-core rate (printed), not the MoE term; the stream
            // only ever adds time, and more of it at a smaller micro-batch
            double computeOnly = 1.0 / after.cpuComputeSeconds(r.cores(), w.flops);
            assertThat(a).isLessThan(computeOnly);
            assertThat(w.stream).isGreaterThan(0);
        }
    }

    private record Work(double flops, double stream) {
    }

    private Work work(Row r) {
        CatalogModel model = ModelCatalog.load().find(r.model()).orElseThrow();
        ModelWeights weights = ModelWeights.estimate(model, QuantCatalog.load().find(r.quant()).orElseThrow());
        TokenCost cost = TokenCost.of(model.shape(), weights, new Placement(model.shape().blockCount(), 0, false),
                r.ppTokens() / 2, KvCacheType.F16, memory);
        return new Work(cost.hostFlops(), cost.hostStreamBytes(model.shape(), r.ubatch()));
    }

    private TokenCost decode(Row r) {
        CatalogModel model = ModelCatalog.load().find(r.model()).orElseThrow();
        ModelWeights weights = ModelWeights.estimate(model, QuantCatalog.load().find(r.quant()).orElseThrow());
        return TokenCost.of(model.shape(), weights, new Placement(model.shape().blockCount(), 0, false), 64,
                KvCacheType.F16, memory);
    }

    private static List<Row> rows() throws IOException {
        try (InputStream in = CpuMoePrefillPublishedTest.class.getResourceAsStream("/fit/cpu-moe-published.json")) {
            return Json.mapper().copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(in, Rows.class).rows();
        }
    }
}
