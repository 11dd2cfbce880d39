package dev.breakeven.core.fit;

import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.hardware.BaseFindings;
import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.GpuFindings;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MemoryInfo;
import dev.breakeven.core.hardware.NvidiaSmiProbe;
import dev.breakeven.core.hardware.ProfileMerger;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.QuantCatalog;
import dev.breakeven.testing.GgufModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The llama-server flags the app starts its runtime with, derived from the planner's plan for a machine and a
 * file: machines are recorded hardware profiles (nvidia-smi output through the detector's merger), files are real
 * GGUF headers (sparse) or catalog shapes.
 */
class RuntimeLaunchPlanTest {
    private static final long GIB = 1024L * 1024 * 1024;
    private static final FitPlanner PLANNER = FitPlanner.standard();

    @TempDir
    static Path files;

    private static HardwareProfile profile(String os, String nvidiaSmiFixture) throws IOException {
        CpuInfo cpu = new CpuInfo("AMD Ryzen 9 7950X 16-Core Processor", 16, 32, List.of("AVX2"));
        BaseFindings base = new BaseFindings(os, cpu, new MemoryInfo(64 * GIB, 50 * GIB, 80.0, null), List.of(),
                List.of());
        List<GpuFindings> probes = nvidiaSmiFixture == null ? List.of() : List.of(NvidiaSmiProbe.parse(text(nvidiaSmiFixture)));
        return new ProfileMerger(new CatalogGpuReferences(GpuCatalog.load())).merge(base, probes);
    }

    private static String text(String fixture) throws IOException {
        try (InputStream in = RuntimeLaunchPlanTest.class.getResourceAsStream("/hardware/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static RuntimeLaunchPlan.Machine machine(HardwareProfile profile) {
        return RuntimeLaunchPlan.Machine.of(HardwareTargets.fromProfile(profile, GpuCatalog.load(),
                PLANNER.memory().constants().fallbackHostBandwidthGBps()), profile.os());
    }

    private static GgufModel llama3_8b_q4() throws IOException {
        return GgufModel.read(GgufModelFactory.writeSparse(GgufModelFactory.llama3_8b(), GgmlType.Q4_0,
                files.resolve("llama3-8b-q4_0.gguf")));
    }

    private static GgufModel catalog(String id, String quant) {
        var model = ModelCatalog.load().find(id).orElseThrow();
        return new GgufModel(id, Path.of(id + ".gguf"), model.shape(),
                ModelWeights.estimate(model, QuantCatalog.load().find(quant).orElseThrow()));
    }

    @Test
    void an8bQ4FileOnA24GibRtx4090GoesWhollyToTheGpu() throws IOException {
        HardwareProfile rtx4090 = profile("GNU/Linux Debian 13", "nvidia-smi-rtx4090.csv");
        RuntimeLaunchPlan launch = RuntimeLaunchPlan.plan(PLANNER, llama3_8b_q4(), 8192, machine(rtx4090),
                RuntimeLaunchPlan.Choices.NONE);
        assertThat(launch.plan().verdict()).isEqualTo(Verdict.FULL);
        assertThat(launch.flags().args()).containsExactly("-np", "1", "-ngl", "999", "-fa", "on");
        assertThat(launch.summary()).contains("RTX 4090").contains("all 33 layers fit");
    }

    @Test
    void a70bOnThe4090IsSplitAtThePlannersLayerCount() throws IOException {
        HardwareProfile rtx4090 = profile("GNU/Linux Debian 13", "nvidia-smi-rtx4090.csv");
        RuntimeLaunchPlan launch = RuntimeLaunchPlan.plan(PLANNER, catalog("llama-3.3-70b", "Q4_K_M"), 8192,
                machine(rtx4090), RuntimeLaunchPlan.Choices.NONE);
        assertThat(launch.plan().verdict()).isEqualTo(Verdict.PARTIAL);
        int layers = launch.plan().gpuLayers();
        assertThat(layers).isBetween(1, launch.plan().totalLayers() - 1);
        assertThat(launch.flags().args()).containsSubsequence("-ngl", Integer.toString(layers))
                .doesNotContain("--n-cpu-moe", "999");
    }

    private static RuntimeLaunchPlan.Machine card(int vramGib) {
        return new RuntimeLaunchPlan.Machine(new HardwareTarget("this machine: " + vramGib + " GiB card",
                new GpuSpec("a " + vramGib + " GiB card", vramGib * GIB, 360, 51, "cuda"),
                new HostSpec(64 * GIB, 80, 16), false), false);
    }

    @Test
    void aMoeTooBigForASmallCardKeepsItsExpertsInRamWhenThatPlansFaster() {
        // Qwen3-30B-A3B at Q4_K_M (about 17 GiB) on an 8 GiB card: a layer split would leave most layers in RAM
        GgufModel moe = catalog("qwen3-30b-a3b", "Q4_K_M");
        RuntimeLaunchPlan launch = RuntimeLaunchPlan.plan(PLANNER, moe, 8192, card(8), RuntimeLaunchPlan.Choices.NONE);
        FitPlan layersOnly = PLANNER.plan(launch.request().withExpertsOnCpu(false));
        assertThat(layersOnly.verdict()).as("layers alone would split").isEqualTo(Verdict.PARTIAL);
        assertThat(launch.plan().expertsOnCpu()).isTrue();
        assertThat(launch.plan().decodeTokPerSec()).isGreaterThan(layersOnly.decodeTokPerSec());
        assertThat(launch.flags().args()).containsSubsequence("-ngl", "999", "--n-cpu-moe",
                Integer.toString(moe.shape().blockCount()));
        assertThat(launch.summary()).contains("MoE experts");

        // on a 12 GiB card most layers fit whole, and the planner says the split is faster: plain -ngl
        RuntimeLaunchPlan twelve = RuntimeLaunchPlan.plan(PLANNER, moe, 8192, card(12), RuntimeLaunchPlan.Choices.NONE);
        assertThat(twelve.plan().expertsOnCpu()).isFalse();
        assertThat(twelve.plan().decodeTokPerSec()).isGreaterThan(
                PLANNER.plan(twelve.request().withExpertsOnCpu(true)).decodeTokPerSec());
        assertThat(twelve.flags().args()).containsSubsequence("-ngl", Integer.toString(twelve.plan().gpuLayers()))
                .doesNotContain("--n-cpu-moe");
    }

    @Test
    void noGpuMeansEveryLayerOnTheCpu() throws IOException {
        RuntimeLaunchPlan launch = RuntimeLaunchPlan.plan(PLANNER, llama3_8b_q4(), 4096,
                machine(profile("GNU/Linux Debian 13", null)), RuntimeLaunchPlan.Choices.NONE);
        assertThat(launch.plan().verdict()).isEqualTo(Verdict.CPU);
        assertThat(launch.flags().args()).containsSubsequence("-ngl", "0").containsSubsequence("-fa", "on")
                .doesNotContain("--no-mmap");
    }

    @Test
    void windowsWithCudaReadsTheFileInsteadOfMappingIt() throws IOException {
        RuntimeLaunchPlan launch = RuntimeLaunchPlan.plan(PLANNER, llama3_8b_q4(), 8192,
                machine(profile("Microsoft Windows 11 build 26100", "nvidia-smi-rtx4090.csv")),
                RuntimeLaunchPlan.Choices.NONE);
        assertThat(launch.flags().args()).contains("--no-mmap");
        assertThat(launch.flags().reasons()).anySatisfy(r -> assertThat(r).contains("Windows + CUDA"));
    }

    @Test
    void theUsersChoicesWinAndAQuantizedCacheChangesThePlanItself() throws IOException {
        HardwareProfile rtx4090 = profile("GNU/Linux Debian 13", "nvidia-smi-rtx4090.csv");
        GgufModel model = llama3_8b_q4();
        RuntimeLaunchPlan plain = RuntimeLaunchPlan.plan(PLANNER, model, 8192, machine(rtx4090),
                RuntimeLaunchPlan.Choices.NONE);
        RuntimeLaunchPlan chosen = RuntimeLaunchPlan.plan(PLANNER, model, 8192, machine(rtx4090),
                new RuntimeLaunchPlan.Choices(OptionalInt.of(10), Optional.empty(), Optional.of(KvCacheType.Q8_0), true));
        assertThat(chosen.flags().args()).containsSubsequence("-ngl", "10").containsSubsequence("-ctk", "q8_0", "-ctv",
                "q8_0").contains("--mlock");
        assertThat(chosen.plan().memory().kvCacheBytes()).isLessThan(plain.plan().memory().kvCacheBytes());
        assertThat(chosen.summary()).contains("-ngl 10 as you asked");
        RuntimeLaunchPlan off = RuntimeLaunchPlan.plan(PLANNER, model, 8192, machine(rtx4090),
                new RuntimeLaunchPlan.Choices(OptionalInt.empty(), Optional.of(FlashAttention.OFF), Optional.empty(), false));
        assertThat(off.flags().args()).containsSubsequence("-fa", "off");
        assertThat(off.plan().memory().computeBytes()).isGreaterThan(plain.plan().memory().computeBytes());
        assertThatThrownBy(() -> RuntimeLaunchPlan.plan(PLANNER, model, 8192, machine(rtx4090),
                new RuntimeLaunchPlan.Choices(OptionalInt.empty(), Optional.of(FlashAttention.OFF),
                        Optional.of(KvCacheType.Q4_0), false)))
                .hasMessageContaining("needs flash attention");
    }

    @Test
    void theExportPrintsTheSameFlagsAsTheLaunch() throws IOException {
        HardwareProfile rtx4090 = profile("GNU/Linux Debian 13", "nvidia-smi-rtx4090.csv");
        RuntimeLaunchPlan launch = RuntimeLaunchPlan.plan(PLANNER, catalog("llama-3.3-70b", "Q4_K_M"), 8192,
                machine(rtx4090), RuntimeLaunchPlan.Choices.NONE);
        ServingExport export = ServingExport.llamaServer("m.gguf", launch.request(), launch.plan(), 1);
        assertThat(export.command()).contains(" " + String.join(" ", launch.flags().args()) + " ");
    }
}
