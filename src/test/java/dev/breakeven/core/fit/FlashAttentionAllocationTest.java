package dev.breakeven.core.fit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufModelShapes;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.io.Json;
import dev.breakeven.core.models.ModelShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

/**
 * The compute buffer with flash attention on and off against what current llama-server reported for sparse
 * llama 3, qwen3, gemma3 and gpt-oss files at 4k and 32k (src/test/resources/fit/llama-server-flash-attention.json,
 * recorded with the commit and date it names). KV cache must match exactly, compute buffer within 3 %.
 */
class FlashAttentionAllocationTest {
    private static final double MIB = 1024.0 * 1024.0;

    @TempDir
    Path dir;

    private final FitPlanner planner = FitPlanner.standard();
    private final Map<String, GgufModel> files = new HashMap<>();

    private GgufModel file(String name) {
        return files.computeIfAbsent(name, n -> {
            try {
                Path path = ArchShapeFiles.write(ArchShapeFiles.named(n), GgmlType.Q8_0, dir.resolve(n + ".gguf"));
                GgufFile gguf = GgufReader.read(path);
                ModelShape shape = GgufModelShapes.from(gguf);
                return new GgufModel(n, path, shape, GgufWeights.of(gguf, shape.blockCount(), n));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void computeBufferFollowsFlashAttentionOnEveryRecordedShape() throws Exception {
        JsonNode runs;
        try (InputStream in = getClass().getResourceAsStream("/fit/llama-server-flash-attention.json")) {
            runs = Json.mapper().readTree(in).get("runs");
        }
        assertThat(runs.size()).isGreaterThanOrEqualTo(16);
        HardwareTarget cpu = HardwareTarget.cpuOnly(new HostSpec(64L << 30, 40, 2));
        double worst = 0;
        for (JsonNode run : runs) {
            GgufModel model = file(run.get("shape").asText());
            int ctx = run.get("ctx").asInt();
            FlashAttention fa = FlashAttention.parse(run.get("fa").asText());
            PlanRequest request = PlanRequest.of(model.shape(), model.weights(), ctx, cpu)
                    .withEngine(ServingEngine.RUNTIME, fa);
            FitPlan plan = planner.plan(request);
            double measured = run.get("computeMiB").asDouble();
            double planned = plan.memory().computeBytes() / MIB;
            double error = 100 * (planned / measured - 1);
            worst = Math.max(worst, Math.abs(error));
            System.out.printf(Locale.ROOT, "%-12s ctx %5d fa %-3s | compute %8.2f vs %8.2f MiB (%+.2f%%) | KV %8.2f vs %8.2f MiB%n",
                    model.label(), ctx, fa.cliName(), planned, measured, error,
                    plan.memory().kvCacheBytes() / MIB, run.get("kvMiB").asDouble());
            String what = model.label() + " @" + ctx + " fa " + fa.cliName();
            assertThat(plan.memory().kvCacheBytes() / MIB).as(what + " KV").isCloseTo(run.get("kvMiB").asDouble(),
                    org.assertj.core.data.Offset.offset(0.01));
            assertThat(planned).as(what + " compute").isCloseTo(measured, withPercentage(3));
        }
        System.out.printf(Locale.ROOT, "largest compute-buffer error: %.2f %%%n", worst);
    }

    @Test
    void withoutFlashAttentionTheBufferGrowsWithContextTimesHeads() {
        GgufModel qwen = file("qwen3-8b");
        HardwareTarget cpu = HardwareTarget.cpuOnly(new HostSpec(64L << 30, 40, 2));
        long off4k = planner.plan(PlanRequest.of(qwen.shape(), qwen.weights(), 4096, cpu)
                .withEngine(ServingEngine.RUNTIME, FlashAttention.OFF)).memory().computeBytes();
        long off32k = planner.plan(PlanRequest.of(qwen.shape(), qwen.weights(), 32768, cpu)
                .withEngine(ServingEngine.RUNTIME, FlashAttention.OFF)).memory().computeBytes();
        // 28672 more cells × 512 tokens × (32 heads of f32 scores + one f32 mask)
        assertThat(off32k - off4k).isEqualTo(28672L * 512 * 4 * 33);
    }
}
