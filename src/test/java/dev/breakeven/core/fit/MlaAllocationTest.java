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

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KV cache of a multi-head latent attention (deepseek2) file against what current llama-server allocated for
 * the same sparse file (src/test/resources/fit/llama-server-mla.json, with its commit and date): K only, of
 * {@code kv_lora_rank + rope} per token and layer, must match exactly at 4k and 32k with flash attention on and off.
 */
class MlaAllocationTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    static GgufModel deepseek2(Path dir) throws Exception {
        Path path = ArchShapeFiles.writeDeepseek2(4, 2048, 16, 512, 64, GgmlType.Q8_0, dir.resolve("deepseek2.gguf"));
        GgufFile gguf = GgufReader.read(path);
        ModelShape shape = GgufModelShapes.from(gguf);
        return new GgufModel("deepseek2-mla", path, shape, GgufWeights.of(gguf, shape.blockCount(), "q8_0"));
    }

    @Test
    void kvCacheIsTheLatentAndRopePartExactlyAsLlamaServerAllocatedIt() throws Exception {
        GgufModel model = deepseek2(dir);
        assertThat(model.shape().mlaLatentLength()).isEqualTo(576);
        JsonNode file;
        try (InputStream in = getClass().getResourceAsStream("/fit/llama-server-mla.json")) {
            file = Json.mapper().readTree(in);
        }
        check(model, file.get("runs"));
        // a second shape (32 heads, rank 256): the compute term was worked out on the first one
        Path path = ArchShapeFiles.writeDeepseek2(4, 1024, 32, 256, 64, GgmlType.Q8_0, dir.resolve("second.gguf"));
        GgufFile gguf = GgufReader.read(path);
        ModelShape shape = GgufModelShapes.from(gguf);
        check(new GgufModel("deepseek2-32h", path, shape, GgufWeights.of(gguf, shape.blockCount(), "q8_0")),
                file.get("secondRuns"));
    }

    private static void check(GgufModel model, JsonNode runs) {
        assertThat(runs.size()).isEqualTo(4);
        HardwareTarget cpu = HardwareTarget.cpuOnly(new HostSpec(64L << 30, 40, 2));
        for (JsonNode run : runs) {
            int ctx = run.get("ctx").asInt();
            FlashAttention fa = FlashAttention.parse(run.get("fa").asText());
            FitPlan plan = FitPlanner.standard().plan(PlanRequest.of(model.shape(), model.weights(), ctx, cpu)
                    .withEngine(ServingEngine.RUNTIME, fa));
            long measured = Math.round(run.get("kvMiB").asDouble() * MIB);
            assertThat(plan.memory().kvCacheBytes()).as("KV at ctx %d, -fa %s", ctx, fa.cliName()).isEqualTo(measured);
            double compute = run.get("computeMiB").asDouble() * MIB;
            double error = (plan.memory().computeBytes() - compute) / compute;
            System.out.printf(Locale.ROOT, "%s ctx %d fa %s: compute planned %.2f MiB, measured %.2f MiB (%+.1f%%)%n",
                    model.label(), ctx, fa.cliName(), plan.memory().computeBytes() / (double) MIB,
                    run.get("computeMiB").asDouble(), 100 * error);
            // latent-space attention buffers: within 6 % (the 32-head shape at 4k with flash attention is the worst)
            assertThat(Math.abs(error)).as("compute at ctx %d, -fa %s", ctx, fa.cliName()).isLessThan(0.06);
        }
    }
}
