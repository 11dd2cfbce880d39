package dev.breakeven.core.fit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

/**
 * The planner's terms against what llama.cpp reported for the same real-shape files (recorded in
 * src/test/resources/fit; see its README). Tolerances: weights 0.1 % (of the mapped buffer, or of the
 * CPU_REPACK buffer for repacked types), KV cache exact, compute buffer 1 %.
 */
class MemoryModelAllocationTest {
    private static final double MIB = 1024.0 * 1024.0;

    @TempDir
    Path dir;

    private final FitPlanner planner = FitPlanner.standard();

    @Test
    void weightsKvAndComputeMatchWhatLlamaCppAllocated() throws Exception {
        JsonNode runs;
        try (InputStream in = getClass().getResourceAsStream("/fit/llama-server-allocations.json")) {
            runs = dev.breakeven.core.io.Json.mapper().readTree(in).get("runs");
        }
        Map<String, RealShapeFiles.Spec> specs = Map.of("llama-2-7b", RealShapeFiles.LLAMA2_7B,
                "llama-3-8b", RealShapeFiles.LLAMA3_8B, "qwen2-0.5b", RealShapeFiles.QWEN2_05B);
        Map<String, ModelWeights> weightsByFile = new HashMap<>();
        HardwareTarget cpu = HardwareTarget.cpuOnly(new HostSpec(64L << 30, 40, 2));
        for (JsonNode run : runs) {
            RealShapeFiles.Spec spec = specs.get(run.get("shape").asText());
            GgmlType type = GgmlType.valueOf(run.get("weights").asText());
            String key = spec.name() + "-" + type;
            ModelWeights weights = weightsByFile.computeIfAbsent(key, k -> read(spec, type));
            int ctx = run.get("ctx").asInt();
            FitPlan plan = planner.plan(PlanRequest.of(spec.shape(), weights, ctx, cpu));
            String what = key + " @" + ctx;
            System.out.printf(java.util.Locale.ROOT, "%-22s weights %.2f MiB (file) | KV %.2f vs %.2f MiB | compute %.2f vs %.2f MiB (%+.2f%%)%n",
                    what, weights.fileBytes() / MIB, plan.memory().kvCacheBytes() / MIB, run.get("kvMiB").asDouble(),
                    plan.memory().computeBytes() / MIB, run.get("computeMiB").asDouble(),
                    100 * (plan.memory().computeBytes() / MIB / run.get("computeMiB").asDouble() - 1));
            double repack = run.get("repackMiB").asDouble() * MIB;
            if (repack == 0) {
                assertThat((double) weights.fileBytes()).as(what + " weights")
                        .isCloseTo(run.get("mappedMiB").asDouble() * MIB, withPercentage(0.1));
            } else {
                // repacked: every block matrix (and the output when it has the same type) moves to CPU_REPACK;
                // the mapped buffer's reported size is then only the span of what stays mapped
                long layers = 0;
                for (int i = 0; i < weights.layerCount(); i++) {
                    layers += weights.layerBytes(i);
                }
                long expected = layers + (type == GgmlType.Q4_0 ? 0 : weights.outputBytes());
                assertThat((double) expected).as(what + " repacked weights").isCloseTo(repack, withPercentage(0.1));
            }
            assertThat(plan.memory().kvCacheBytes()).as(what + " KV")
                    .isEqualTo(Math.round(run.get("kvMiB").asDouble() * MIB));
            assertThat((double) plan.memory().computeBytes()).as(what + " compute")
                    .isCloseTo(run.get("computeMiB").asDouble() * MIB, withPercentage(1));
        }
    }

    private ModelWeights read(RealShapeFiles.Spec spec, GgmlType type) {
        try {
            Path file = RealShapeFiles.write(spec, type, dir.resolve(spec.name() + "-" + type + ".gguf"));
            GgufFile gguf = GgufReader.read(file);
            return GgufWeights.of(gguf, spec.blocks(), spec.name());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
