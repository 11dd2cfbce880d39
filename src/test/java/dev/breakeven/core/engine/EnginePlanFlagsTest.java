package dev.breakeven.core.engine;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.GpuSpec;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.fit.KvCacheType;
import dev.breakeven.core.fit.ModelWeights;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.Quant;
import dev.breakeven.core.models.QuantCatalog;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plan's flash attention, -ngl and KV cache types on a llama-server command line. */
class EnginePlanFlagsTest {
    private static final long GIB = 1L << 30;
    private final Path model = Path.of("/models/tiny.gguf");
    private final Path server = Path.of("/opt/llama/llama-server");

    private static PlanRequest request(HardwareTarget target) {
        CatalogModel m = ModelCatalog.load().find("llama-3.1-8b").orElseThrow();
        Quant q = QuantCatalog.load().find("Q4_K_M").orElseThrow();
        return PlanRequest.of(m.shape(), ModelWeights.estimate(m, q), 8192, target);
    }

    @Test
    void aPlanThatFitsTheCardOffloadsEveryLayerWithItsKvTypeAndFlashAttention() {
        PlanRequest request = request(HardwareTarget.withGpu(new GpuSpec("test card", 24 * GIB, 1000, 150, "cuda"),
                new HostSpec(64 * GIB, 80, 8))).withKvType(KvCacheType.Q8_0).withFlashAttention(true);
        FitPlan plan = FitPlanner.standard().plan(request);
        EngineLaunch launch = EngineLaunch.runtime(server, new EngineLaunch.ModelArgs(model, 512, 0),
                EngineLaunch.PlanFlags.of(request, plan), null);
        assertThat(launch.argv()).endsWith("--jinja", "-ngl", "999", "-fa", "on", "-ctk", "q8_0", "-ctv", "q8_0");
    }

    @Test
    void aPartialOffloadGivesItsLayerCountAndACpuTargetNoNgl() {
        PlanRequest small = request(HardwareTarget.withGpu(new GpuSpec("small card", 3 * GIB, 300, 20, "cuda"),
                new HostSpec(64 * GIB, 80, 8))).withFlashAttention(false);
        FitPlan partial = FitPlanner.standard().plan(small);
        assertThat(partial.gpuLayers()).isBetween(1, partial.totalLayers() - 1);
        assertThat(EngineLaunch.PlanFlags.of(small, partial))
                .isEqualTo(new EngineLaunch.PlanFlags(false, partial.gpuLayers(), null));

        PlanRequest cpu = request(HardwareTarget.cpuOnly(new HostSpec(64 * GIB, 80, 8)));
        EngineLaunch launch = EngineLaunch.runtime(server, new EngineLaunch.ModelArgs(model, 512, 0),
                EngineLaunch.PlanFlags.of(cpu, FitPlanner.standard().plan(cpu)), null);
        assertThat(launch.argv()).doesNotContain("-ngl", "-ctk").contains("-fa");
        assertThat(EngineLaunch.runtime(server, new EngineLaunch.ModelArgs(model, 512, 0), null).argv())
                .endsWith("--jinja");
    }

    @Test
    void badFlagsAreRefusedBeforeAnyStart() {
        assertThatThrownBy(() -> new EngineLaunch.PlanFlags(null, -1, null)).hasMessageContaining("0 or more");
        assertThatThrownBy(() -> new EngineLaunch.PlanFlags(null, null, "q8_0 --rm")).hasMessageContaining("KV cache");
    }
}
