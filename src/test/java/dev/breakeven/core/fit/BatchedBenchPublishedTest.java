package dev.breakeven.core.fit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.io.Json;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.QuantCatalog;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Locale;

class BatchedBenchPublishedTest {
    private final FitPlanner planner = FitPlanner.standard();

    static PlanRequest request(JsonNode row) {
        CatalogModel m = ModelCatalog.load().find(row.get("model").asText()).orElseThrow();
        var card = GpuCatalog.load().find(row.get("gpu").asText()).orElseThrow();
        HardwareTarget target = HardwareTargets.fromCatalog(card, new HostSpec(64L << 30, 80, 8));
        int pp = row.get("pp").asInt();
        int tg = row.get("tg").asInt();
        ModelWeights w = ModelWeights.estimate(m, QuantCatalog.load().find(row.get("quant").asText()).orElseThrow());
        return new PlanRequest(m.shape(), w, pp + tg, KvCacheType.F16, 2048, 2048, true, 0, false, pp + tg / 2,
                target, 1).withParallel(row.get("batch").asInt());
    }

    @Test
    void replay() throws Exception {
        JsonNode rows;
        try (InputStream in = getClass().getResourceAsStream("/fit/batched-bench-published.json")) {
            rows = Json.mapper().readTree(in).get("rows");
        }
        double one = 0, pub1 = 0;
        for (JsonNode row : rows) {
            ParallelEstimate e = planner.parallel(request(row));
            double predicted = e.aggregateDecodeTokPerSec();
            double published = row.get("tokPerSec").asDouble();
            if (row.get("batch").asInt() == 1) { one = predicted; pub1 = published; }
            System.out.printf(Locale.ROOT, "%-14s %-5s pp%-5d B=%-2d planned %7.1f published %7.1f (%+6.1f%%) growth %5.2f vs %5.2f%n",
                    row.get("model").asText(), row.get("quant").asText(), row.get("pp").asInt(), row.get("batch").asInt(),
                    predicted, published, 100 * (predicted / published - 1), predicted / one, published / pub1);
        }
    }
}
