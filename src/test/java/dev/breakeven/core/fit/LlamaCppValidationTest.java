package dev.breakeven.core.fit;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufModelShapes;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.models.ModelShape;
import dev.breakeven.testing.GgufModelFactory;
import dev.breakeven.testing.LlamaCppAllocationProbe;
import dev.breakeven.core.runtime.LlamaCppAllocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

/**
 * The planner against the embedded llama.cpp (java-llama.cpp, CPU): sparse files with real shapes are read
 * through the GGUF reader, planned, then loaded at two context sizes; model buffer, KV cache and compute buffer
 * must agree. That (older) build of llama.cpp runs without flash attention by default and sizes its graph for
 * logits of the whole micro-batch, so the plan is made with those settings.
 * Tolerances: weights 0.5 %, KV cache 0.5 %, compute buffer 2 %.
 */
@org.junit.jupiter.api.Tag("slow") // native llama.cpp loads: skip with -DexcludedGroups=slow
class LlamaCppValidationTest {
    @TempDir
    Path dir;

    private final FitPlanner planner = FitPlanner.standard();

    private void check(GgufModelFactory.Spec spec, GgmlType type, int... contexts) throws IOException {
        Path file = GgufModelFactory.writeSparse(spec, type, dir.resolve(spec.architecture() + "-" + type + ".gguf"));
        GgufFile gguf = GgufReader.read(file);
        ModelShape shape = GgufModelShapes.from(gguf);
        ModelWeights weights = GgufWeights.of(gguf, shape.blockCount(), spec.name());
        HardwareTarget cpu = HardwareTarget.cpuOnly(new HostSpec(64L << 30, 40, 1));
        for (int ctx : contexts) {
            // java-llama.cpp 4.2.0's llama.cpp: no flash attention by default, logits reserved for the whole
            // micro-batch, batch 512 as the probe sets it
            PlanRequest request = new PlanRequest(shape, weights, ctx, KvCacheType.F16, 512, 512, false, 0, false,
                    ctx / 2, cpu, 512, ServingEngine.BUILTIN, 1);
            FitPlan plan = planner.plan(request);
            LlamaCppAllocations measured = LlamaCppAllocationProbe.measure(file,
                    LlamaCppAllocationProbe.Settings.context(ctx));
            System.out.printf(Locale.ROOT, "%-22s %-5s ctx %5d | weights %9.2f vs %9.2f MiB | KV %8.2f vs %8.2f MiB"
                            + " | compute %7.2f vs %7.2f MiB (%+.1f%%)%n", spec.name(), type, ctx,
                    weights.fileBytes() / MIB, measured.modelBuffer("CPU_Mapped").orElse(-1) / MIB,
                    plan.memory().kvCacheBytes() / MIB, measured.kvCacheBytes() / MIB,
                    plan.memory().computeBytes() / MIB, measured.computeBytes() / MIB,
                    100.0 * (plan.memory().computeBytes() - measured.computeBytes()) / measured.computeBytes());
            assertThat((double) weights.fileBytes()).isCloseTo(measured.modelBuffer("CPU_Mapped").orElseThrow(),
                    withPercentage(0.5));
            assertThat((double) plan.memory().kvCacheBytes()).isCloseTo(measured.kvCacheBytes(), withPercentage(0.5));
            assertThat((double) plan.memory().computeBytes()).isCloseTo(measured.computeBytes(), withPercentage(2));
        }
    }

    private static final double MIB = 1024.0 * 1024.0;

    @Test
    void qwen2WithTiedOutput() throws IOException {
        check(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, 512, 2048);
    }

    /** Grouped-query attention; at 8192 tokens the attention scores outgrow the logits stage. */
    @Test
    void llama3EightBillion() throws IOException {
        check(GgufModelFactory.llama3_8b(), GgmlType.Q2_K, 2048, 8192);
    }

    /**
     * Q4_0 is repacked for the CPU kernels into a second buffer holding a copy of every Q4_0 matrix; the mapped
     * buffer still spans the file, so the planner's weights match the mapped buffer.
     */
    @Test
    void q4_0RepackCase() throws IOException {
        check(GgufModelFactory.qwen25_05b(), GgmlType.Q4_0, 1024, 4096);
    }
}
