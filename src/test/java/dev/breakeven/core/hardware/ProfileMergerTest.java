package dev.breakeven.core.hardware;

import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.core.models.GpuCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileMergerTest {
    private static final long GIB = 1024L * 1024L * 1024L;
    private static final GpuReferences CATALOG = new CatalogGpuReferences(GpuCatalog.load());
    private static final CpuInfo CPU = new CpuInfo("AMD Ryzen 9 7950X 16-Core Processor", 16, 32, List.of("AVX2"));
    private static final MemoryInfo RAM = new MemoryInfo(64 * GIB, 50 * GIB, null, null);

    private static BaseFindings base(GpuInfo... oshiGpus) {
        return new BaseFindings("GNU/Linux Debian 13", CPU, RAM, List.of(oshiGpus), List.of());
    }

    private static GpuInfo oshi(String name, GpuVendor vendor, long vram) {
        return GpuInfo.detected(name, vendor, vram, null, null, null, vendor == GpuVendor.APPLE);
    }

    @Test
    void nvidiaSmiReplacesOshisCappedEntriesAndTheCatalogFillsBandwidth() {
        BaseFindings base = base(oshi("NVIDIA GeForce RTX 3090", GpuVendor.NVIDIA, 4 * GIB),
                oshi("NVIDIA GeForce RTX 3090", GpuVendor.NVIDIA, 4 * GIB));
        HardwareProfile profile = new ProfileMerger(CATALOG).merge(base,
                List.of(NvidiaSmiProbe.parse(Fixtures.text("nvidia-smi-rtx3090x2.csv"))));
        assertThat(profile.gpus()).hasSize(2).allSatisfy(gpu -> {
            assertThat(gpu.vramTotalBytes()).isEqualTo(24576L * 1024 * 1024);
            assertThat(gpu.sourceOf(GpuFigure.VRAM_TOTAL)).isEqualTo(FigureSource.DETECTED);
            assertThat(gpu.catalogId()).isEqualTo("rtx-3090");
            assertThat(gpu.bandwidthGBps()).isEqualTo(936.0);
            assertThat(gpu.sourceOf(GpuFigure.BANDWIDTH)).isEqualTo(FigureSource.CATALOG);
            assertThat(gpu.tdpWatts()).isEqualTo(350);
            assertThat(gpu.sourceOf(GpuFigure.TDP)).isEqualTo(FigureSource.DETECTED);
        });
    }

    @Test
    void theTwoA100SizesMatchTheirOwnEntries() {
        HardwareProfile small = new ProfileMerger(CATALOG).merge(base(),
                List.of(NvidiaSmiProbe.parse(Fixtures.text("nvidia-smi-a100-40gb.csv"))));
        assertThat(small.gpus()).hasSize(2).allSatisfy(gpu -> {
            assertThat(gpu.catalogId()).isEqualTo("a100-40gb");
            assertThat(gpu.bandwidthGBps()).isEqualTo(1555.0);
        });
        HardwareProfile large = new ProfileMerger(CATALOG).merge(base(),
                List.of(NvidiaSmiProbe.parse(Fixtures.text("nvidia-smi-a100-80gb.csv"))));
        assertThat(large.gpus()).hasSize(2).allSatisfy(gpu -> {
            assertThat(gpu.name()).isEqualTo("A100-SXM-80GB");
            assertThat(gpu.vendor()).isEqualTo(GpuVendor.NVIDIA);
            assertThat(gpu.catalogId()).isEqualTo("a100-80gb");
            assertThat(gpu.bandwidthGBps()).isEqualTo(2039.0);
        });
    }

    @Test
    void withoutNvidiaSmiOshisCappedVramIsCorrectedFromTheCatalogWithANote() {
        HardwareProfile profile = new ProfileMerger(CATALOG).merge(
                base(oshi("NVIDIA GeForce RTX 4090", GpuVendor.NVIDIA, 4 * GIB)), List.of());
        GpuInfo gpu = profile.gpus().getFirst();
        assertThat(gpu.vramTotalBytes()).isEqualTo(24 * GIB);
        assertThat(gpu.sourceOf(GpuFigure.VRAM_TOTAL)).isEqualTo(FigureSource.CATALOG);
        assertThat(profile.notes()).anySatisfy(n -> assertThat(n).contains("RTX 4090").contains("catalog"));
    }

    @Test
    void amdSysfsBorrowsOshisNameAndMatchesTheCatalog() {
        BaseFindings base = base(oshi("Navi 31 [Radeon RX 7900 XT/7900 XTX/7900 GRE/7900M]", GpuVendor.AMD, 256L << 20));
        HardwareProfile profile = new ProfileMerger(CATALOG).merge(base,
                List.of(new AmdSysfsProbe(Fixtures.path("amd-7900xtx")).probe()));
        assertThat(profile.gpus()).singleElement().satisfies(gpu -> {
            assertThat(gpu.name()).startsWith("Navi 31");
            assertThat(gpu.catalogId()).isEqualTo("rx-7900-xtx");
            assertThat(gpu.vramTotalBytes()).isEqualTo(25_753_026_560L);
            assertThat(gpu.bandwidthGBps()).isEqualTo(960.0);
        });
    }

    @Test
    void appleSiliconSharesItsBandwidthWithTheCpu() {
        BaseFindings base = base(oshi("Apple M2 Max", GpuVendor.APPLE, 0));
        HardwareProfile profile = new ProfileMerger(CATALOG).merge(base,
                List.of(AppleSiliconProbe.parse(Fixtures.text("sysctl-m2max.txt"))));
        assertThat(profile.gpus()).singleElement().satisfies(gpu -> {
            assertThat(gpu.unifiedMemory()).isTrue();
            assertThat(gpu.catalogId()).isEqualTo("apple-m2-max");
        });
        assertThat(profile.memory().bandwidthGBps()).isEqualTo(400.0);
        assertThat(profile.memory().bandwidthSource()).isEqualTo(FigureSource.CATALOG);
    }

    @Test
    void virtualAdaptersAndIntegratedGraphicsAreNotGpus() {
        HardwareProfile profile = new ProfileMerger(CATALOG).merge(
                base(oshi("Virtio GPU", GpuVendor.OTHER, 0), oshi("Intel UHD Graphics 770", GpuVendor.INTEL, 0)),
                List.of());
        assertThat(profile.gpus()).isEmpty();
        assertThat(profile.noDetectedGpu()).isTrue();
        assertThat(profile.notes()).hasSize(2);
    }

    @Test
    void probeNotesReachTheProfile() {
        HardwareProfile profile = new ProfileMerger(CATALOG).merge(base(),
                List.of(NvidiaSmiProbe.parse(Fixtures.text("nvidia-smi-garbled.csv"))));
        assertThat(profile.gpus()).hasSize(1);
        assertThat(profile.notes()).hasSize(2);
    }
}
