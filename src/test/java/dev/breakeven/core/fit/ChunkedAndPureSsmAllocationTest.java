package dev.breakeven.core.fit;

import com.fasterxml.jackson.databind.JsonNode;
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
import static org.assertj.core.data.Percentage.withPercentage;

/**
 * llama4's chunked attention and a pure Mamba-2 file against what the shared llama-server allocated for the same
 * sparse files (src/test/resources/fit/llama-server-llama4-mamba2.json): llama4's chunked layers cap their cache at
 * chunk + micro-batch cells (8192 + 512), and a model with no attention layer is planned (its state, no KV) instead
 * of refused.
 */
class ChunkedAndPureSsmAllocationTest {
    private static final double MIB = 1 << 20;

    @TempDir
    Path dir;

    private static JsonNode runs() throws Exception {
        try (InputStream in = ChunkedAndPureSsmAllocationTest.class
                .getResourceAsStream("/fit/llama-server-llama4-mamba2.json")) {
            return Json.mapper().readTree(in).get("runs");
        }
    }

    private GgufModel model(String arch) throws Exception {
        Path path = arch.equals("llama4") ? ArchShapeFiles.writeLlama4(dir.resolve("l4.gguf"))
                : ArchShapeFiles.writeMamba2(dir.resolve("m2.gguf"));
        GgufFile gguf = GgufReader.read(path);
        ModelShape shape = GgufModelShapes.from(gguf);
        return new GgufModel(arch, path, shape, GgufWeights.of(gguf, shape.blockCount(), "f16"));
    }

    @Test
    void plansMatchLlamaServersKvAndStateForChunkedAndPureSsmFiles() throws Exception {
        GgufModel llama4 = model("llama4");
        GgufModel mamba2 = model("mamba2");
        assertThat(llama4.shape().slidingWindow()).isEqualTo(8192);
        assertThat(llama4.shape().slidingWindowLayers()).isEqualTo(3);
        assertThat(mamba2.shape().isPureRecurrent()).isTrue();
        HardwareTarget cpu = HardwareTarget.cpuOnly(new HostSpec(64L << 30, 40, 2));
        for (JsonNode run : runs()) {
            GgufModel m = run.get("arch").asText().equals("llama4") ? llama4 : mamba2;
            int ctx = run.get("ctx").asInt();
            FitPlan plan = FitPlanner.standard().plan(PlanRequest.of(m.shape(), m.weights(), ctx, cpu)
                    .withEngine(ServingEngine.RUNTIME, FlashAttention.ON));
            double measured = run.get("kvMiB").asDouble() + (run.has("stateMiB") ? run.get("stateMiB").asDouble() : 0);
            assertThat(plan.fits()).isTrue();
            // llama.cpp logs two decimals of MiB
            assertThat(plan.memory().kvCacheBytes() / MIB).as("%s KV/state at %d", m.label(), ctx)
                    .isCloseTo(measured, org.assertj.core.data.Offset.offset(0.006));
            System.out.printf(Locale.ROOT, "%s ctx %d: KV/state planned %.3f MiB, logged %.2f; compute planned %.2f"
                            + " MiB, logged %.2f%n", m.label(), ctx, plan.memory().kvCacheBytes() / MIB, measured,
                    plan.memory().computeBytes() / MIB, run.get("computeMiB").asDouble());
            if (m == mamba2) {
                // the Mamba-2 mixer's peak, the same at both contexts (no attention, no masks)
                assertThat(plan.memory().computeBytes() / MIB).as("mamba2 compute at %d", ctx)
                        .isCloseTo(run.get("computeMiB").asDouble(), withPercentage(0.5));
            }
        }
        // the chunked layers are what keeps 32k small: without the chunk all four layers would hold 32768 cells
        assertThat(4 * 32768L * 2 * 128 * 2 / MIB).isEqualTo(64.0);
    }

    @Test
    void aPureSsmPlanSaysWhatItHoldsAndItsStateDoesNotGrowWithContext() throws Exception {
        GgufModel mamba2 = model("mamba2");
        HardwareTarget cpu = HardwareTarget.cpuOnly(new HostSpec(64L << 30, 40, 2));
        FitPlan at4k = FitPlanner.standard().plan(PlanRequest.of(mamba2.shape(), mamba2.weights(), 4096, cpu));
        FitPlan at1m = FitPlanner.standard().plan(PlanRequest.of(mamba2.shape(), mamba2.weights(), 1 << 20, cpu));
        assertThat(at1m.memory().kvCacheBytes()).isEqualTo(at4k.memory().kvCacheBytes());
        assertThat(at4k.decodeTokPerSec()).isPositive();
        assertThat(String.join("\n", at4k.notes())).contains("pure SSM").contains("each of the 4 layers");
    }
}
