package dev.breakeven.core.fit;

import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.Quant;
import dev.breakeven.core.models.QuantCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FitPlannerTest {
    static final long GIB = 1L << 30;
    static final ModelCatalog MODELS = ModelCatalog.load();
    static final QuantCatalog QUANTS = QuantCatalog.load();

    private final FitPlanner planner = FitPlanner.standard();

    static HardwareTarget gpu(long vramGib, long ramGib) {
        return HardwareTarget.withGpu(new GpuSpec("test card", vramGib * GIB, 1000, 150, "cuda"),
                new HostSpec(ramGib * GIB, 80, 8));
    }

    static PlanRequest request(String model, String quant, int ctx, HardwareTarget target) {
        CatalogModel m = MODELS.find(model).orElseThrow();
        Quant q = QUANTS.find(quant).orElseThrow();
        return PlanRequest.of(m.shape(), ModelWeights.estimate(m, q), ctx, target);
    }

    @Test
    void llama8bAtQ4FitsEntirelyOnA24GigabyteCardWithTheKvCacheLlamaCppAllocates() {
        FitPlan plan = planner.plan(request("llama-3.1-8b", "Q4_K_M", 8192, gpu(24, 64)));
        assertThat(plan.verdict()).isEqualTo(Verdict.FULL);
        assertThat(plan.gpuLayers()).isEqualTo(33);
        assertThat(plan.totalLayers()).isEqualTo(33);
        // 32 layers × 8192 cells × 8 KV heads × (128 + 128) × 2 bytes
        assertThat(plan.memory().kvCacheBytes()).isEqualTo(32L * 8192 * 8 * 256 * 2);
        MemoryBreakdown m = plan.memory();
        assertThat(m.gpuBytes() + m.hostBytes())
                .isEqualTo(m.weightsBytes() + m.kvCacheBytes() + m.computeBytes() + m.overheadBytes());
        assertThat(plan.decodeTokPerSec()).isBetween(50.0, 200.0);
        assertThat(plan.prefillTokPerSec()).isGreaterThan(plan.decodeTokPerSec());
        assertThat(plan.notes().getFirst()).startsWith("all 32 layers and the output on the GPU");
    }

    @Test
    void quantizedKvCacheShrinksByTheBlockRatio() {
        PlanRequest base = request("llama-3.1-8b", "Q4_K_M", 8192, gpu(24, 64));
        long f16 = planner.plan(base).memory().kvCacheBytes();
        assertThat(planner.plan(base.withKvType(KvCacheType.Q8_0)).memory().kvCacheBytes()).isEqualTo(f16 * 34 / 64);
        assertThat(planner.plan(base.withKvType(KvCacheType.Q4_0)).memory().kvCacheBytes()).isEqualTo(f16 * 18 / 64);
    }

    @Test
    void a70bModelSplitsAcrossAn8GigabyteCardAndRamAndDecodesSlowerThanOnTheGpu() {
        FitPlan partial = planner.plan(request("llama-3.3-70b", "Q4_K_M", 4096, gpu(8, 64)));
        assertThat(partial.verdict()).isEqualTo(Verdict.PARTIAL);
        assertThat(partial.gpuLayers()).isBetween(1, 80);
        assertThat(partial.memory().gpuBytes()).isLessThanOrEqualTo(8 * GIB);
        FitPlan full = planner.plan(request("llama-3.3-70b", "Q4_K_M", 4096, gpu(80, 64)));
        assertThat(full.verdict()).isEqualTo(Verdict.FULL);
        assertThat(partial.decodeTokPerSec()).isLessThan(full.decodeTokPerSec() / 3);
    }

    @Test
    void withoutAGpuItIsCpuOrNothingDependingOnRam() {
        HostSpec bigHost = new HostSpec(32 * GIB, 50, 8);
        FitPlan cpu = planner.plan(request("qwen3-8b", "Q4_K_M", 4096, HardwareTarget.cpuOnly(bigHost)));
        assertThat(cpu.verdict()).isEqualTo(Verdict.CPU);
        assertThat(cpu.gpuLayers()).isZero();
        assertThat(cpu.memory().gpuBytes()).isZero();
        assertThat(cpu.decodeTokPerSec()).isBetween(3.0, 20.0);
        FitPlan none = planner.plan(request("qwen3-32b", "Q8_0", 4096,
                HardwareTarget.cpuOnly(new HostSpec(16 * GIB, 50, 8))));
        assertThat(none.verdict()).isEqualTo(Verdict.NONE);
        assertThat(none.hostFreeBytes()).isNegative();
        assertThat(none.notes().getFirst()).startsWith("does not fit");
    }

    @Test
    void longerContextNeverPutsMoreLayersOnTheGpu() {
        PlanRequest base = request("qwen2.5-14b", "Q4_K_M", 1024, gpu(12, 64));
        int previous = Integer.MAX_VALUE;
        for (int ctx = 1024; ctx <= 131072; ctx *= 2) {
            FitPlan plan = planner.plan(base.withContext(ctx));
            assertThat(plan.gpuLayers()).isLessThanOrEqualTo(previous);
            previous = plan.gpuLayers();
        }
        assertThat(previous).isLessThan(49);
    }

    @Test
    void slidingWindowLayersCapTheirCache() {
        CatalogModel gemma = MODELS.find("gemma-3-27b").orElseThrow();
        PlanRequest r = request("gemma-3-27b", "Q4_K_M", 131072, gpu(80, 128));
        long kv = planner.plan(r).memory().kvCacheBytes();
        long perCell = gemma.shape().kvElementsPerTokenPerLayer() * 2;
        long allFull = 62L * 131072 * perCell;
        long expected = 10L * 131072 * perCell + 52L * (1024 + 512) * perCell;
        assertThat(kv).isEqualTo(expected).isLessThan(allFull / 4);
    }

    @Test
    void tiedOutputIsDuplicatedOntoTheGpu() {
        CatalogModel small = MODELS.find("llama-3.2-1b").orElseThrow();
        ModelWeights w = ModelWeights.estimate(small, QUANTS.find("Q8_0").orElseThrow());
        FitPlan plan = planner.plan(PlanRequest.of(small.shape(), w, 4096, gpu(8, 16)));
        assertThat(plan.verdict()).isEqualTo(Verdict.FULL);
        assertThat(plan.memory().weightsBytes()).isEqualTo(w.fileBytes() + w.tokenEmbeddingBytes());
    }

    @Test
    void moeExpertsCanStayInRamWithAttentionOnTheGpu() {
        PlanRequest r = request("qwen3-30b-a3b", "Q4_K_M", 16384, gpu(8, 64));
        FitPlan plain = planner.plan(r);
        assertThat(plain.verdict()).isEqualTo(Verdict.PARTIAL);
        assertThat(plain.notes()).anyMatch(n -> n.contains("--n-cpu-moe"));
        FitPlan experts = planner.plan(r.withExpertsOnCpu(true));
        assertThat(experts.verdict()).isEqualTo(Verdict.PARTIAL);
        assertThat(experts.gpuLayers()).isEqualTo(49);
        assertThat(experts.memory().gpuBytes()).isLessThan(8 * GIB);
        assertThat(experts.memory().hostBytes()).isGreaterThan(10 * GIB);
    }

    @Test
    void headroomIsKeptFree() {
        PlanRequest r = request("qwen2.5-14b", "Q4_K_M", 8192, gpu(12, 64));
        FitPlan none = planner.plan(r);
        FitPlan kept = planner.plan(r.withHeadroom(3 * GIB));
        assertThat(kept.gpuLayers()).isLessThan(none.gpuLayers());
        assertThat(kept.gpuFreeBytes()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void unifiedMemoryCountsGpuAndHostAgainstTheSameRam() {
        HostSpec mac = new HostSpec(32 * GIB, 400, 10);
        GpuSpec apple = new GpuSpec("M-series", 24 * GIB, 400, 14, "metal");
        FitPlan plan = planner.plan(request("qwen3-32b", "Q4_K_M", 8192, new HardwareTarget("mac", apple, mac, true)));
        assertThat(plan.verdict()).isEqualTo(Verdict.FULL);
        FitPlan tooBig = planner.plan(request("llama-3.3-70b", "Q4_K_M", 8192, new HardwareTarget("mac", apple, mac, true)));
        assertThat(tooBig.verdict()).isEqualTo(Verdict.NONE);
    }

    @Test
    void badRequestsAreRejectedWithAClearMessage() {
        CatalogModel m = MODELS.find("llama-3.1-8b").orElseThrow();
        ModelWeights w = ModelWeights.estimate(m, QUANTS.find("Q4_K_M").orElseThrow());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlanRequest.of(m.shape(), w, 0, gpu(8, 8)))
                .hasMessageContaining("context length");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PlanRequest(m.shape(), w, 4096, KvCacheType.Q8_0,
                2048, 512, false, 0, false, 0, gpu(8, 8), 1)).hasMessageContaining("flash attention");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KvCacheType.parse("q5"))
                .hasMessageContaining("q8_0");
    }
}
