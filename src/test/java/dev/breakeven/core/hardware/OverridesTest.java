package dev.breakeven.core.hardware;

import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.core.models.GpuCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OverridesTest {
    private static final long GIB = 1024L * 1024L * 1024L;
    private static final GpuReferences CATALOG = new CatalogGpuReferences(GpuCatalog.load());

    private static HardwareProfile detected() {
        BaseFindings base = new BaseFindings("Linux", new CpuInfo("Intel(R) Xeon(R) Processor", 2, 2, List.of()),
                new MemoryInfo(24 * GIB, 20 * GIB, null, null), List.of(), List.of());
        return new ProfileMerger(CATALOG).merge(base, List.of(NvidiaSmiProbe.parse(Fixtures.text("nvidia-smi-rtx4090.csv"))));
    }

    @Test
    void userFiguresReplaceDetectedOnesAndSaySo() {
        HardwareOverrides overrides = HardwareOverrides.none().withMemoryBandwidth(83.2)
                .withGpu(new HardwareOverrides.GpuOverride("NVIDIA GeForce RTX 4090", null, 950.0, 350));
        HardwareProfile profile = new OverridesApplier(CATALOG).apply(detected(), overrides);
        assertThat(profile.memory().bandwidthGBps()).isEqualTo(83.2);
        assertThat(profile.memory().bandwidthSource()).isEqualTo(FigureSource.USER);
        GpuInfo gpu = profile.gpus().getFirst();
        assertThat(gpu.bandwidthGBps()).isEqualTo(950.0);
        assertThat(gpu.sourceOf(GpuFigure.BANDWIDTH)).isEqualTo(FigureSource.USER);
        assertThat(gpu.tdpWatts()).isEqualTo(350);
        assertThat(gpu.sourceOf(GpuFigure.VRAM_TOTAL)).isEqualTo(FigureSource.DETECTED);
    }

    @Test
    void whatIfCardsComeFromTheCatalogAndDoNotCountAsDetected() {
        HardwareProfile noGpu = new OverridesApplier(CATALOG).apply(
                new HardwareProfile("Linux", new CpuInfo("x", 2, 2, List.of()), new MemoryInfo(GIB, GIB, null, null),
                        List.of(), List.of()),
                HardwareOverrides.none().withWhatIf("rtx-5090").withWhatIf("no-such-card"));
        assertThat(noGpu.gpus()).singleElement().satisfies(gpu -> {
            assertThat(gpu.name()).isEqualTo("GeForce RTX 5090");
            assertThat(gpu.source()).isEqualTo(FigureSource.USER);
            assertThat(gpu.vramTotalBytes()).isEqualTo(32 * GIB);
            assertThat(gpu.sourceOf(GpuFigure.BANDWIDTH)).isEqualTo(FigureSource.CATALOG);
        });
        assertThat(noGpu.noDetectedGpu()).isTrue();
        HardwareProfile mac = new OverridesApplier(CATALOG).apply(noGpu, HardwareOverrides.none().withWhatIf("apple-m4-max"));
        // 128 GB M4 Max: the GPU gets macOS's default three quarters.
        assertThat(mac.gpus()).singleElement().satisfies(g -> assertThat(g.vramTotalBytes()).isEqualTo(96 * GIB));
        assertThat(noGpu.notes()).anySatisfy(n -> assertThat(n).contains("no-such-card"));
    }

    @Test
    void overridesSurviveARoundTripThroughTheSettingsFile(@TempDir Path settings) throws IOException {
        OverridesStore store = new OverridesStore(settings);
        HardwareOverrides overrides = HardwareOverrides.none().withMemoryBandwidth(51.2).withWhatIf("rx-7900-xtx")
                .withGpu(new HardwareOverrides.GpuOverride("NVIDIA GeForce RTX 4090", 24 * GIB, null, null));
        store.save(overrides);
        assertThat(store.file().getFileName().toString()).isEqualTo("hardware-overrides.json");
        OverridesStore.Loaded loaded = new OverridesStore(settings).load();
        assertThat(loaded.note()).isEmpty();
        assertThat(loaded.overrides()).isEqualTo(overrides);
    }

    @Test
    void aCorruptFileGivesDefaultsAndANote(@TempDir Path settings) throws IOException {
        Files.writeString(settings.resolve(OverridesStore.FILE_NAME), "{\"memoryBandwidthGBps\": \"fast\",");
        OverridesStore.Loaded loaded = new OverridesStore(settings).load();
        assertThat(loaded.overrides()).isEqualTo(HardwareOverrides.none());
        assertThat(loaded.note()).hasValueSatisfying(n -> assertThat(n).contains("could not be read"));
    }

    @Test
    void aCorruptFileIsKeptAsACopyAndNamedInTheNote(@TempDir Path settings) throws IOException {
        String broken = "{\"memoryBandwidthGBps\": 80,";
        Files.writeString(settings.resolve(OverridesStore.FILE_NAME), broken);
        OverridesStore store = new OverridesStore(settings);
        OverridesStore.Loaded loaded = store.load();
        assertThat(loaded.note()).hasValueSatisfying(n -> assertThat(n).contains(OverridesStore.FILE_NAME + ".unreadable"));
        store.save(HardwareOverrides.none().withMemoryBandwidth(90.0));
        assertThat(settings.resolve(OverridesStore.FILE_NAME + ".unreadable")).hasContent(broken);
    }

    @Test
    void negativeNanAndInfiniteValuesAreDroppedOneByOneAndReported(@TempDir Path settings) throws IOException {
        Files.writeString(settings.resolve(OverridesStore.FILE_NAME), """
                {"memoryBandwidthGBps": -5, "memoryTotalBytes": 34359738368,
                 "gpus": [{"gpuName": "RTX 3090", "vramTotalBytes": 25769803776, "bandwidthGBps": "NaN", "tdpWatts": 350},
                          {"gpuName": "RTX 4090", "bandwidthGBps": "Infinity"}],
                 "whatIfCards": ["rtx-4090"]}
                """);
        OverridesStore.Loaded loaded = new OverridesStore(settings).load();
        HardwareOverrides o = loaded.overrides();
        assertThat(o.memoryBandwidthGBps()).isNull();
        assertThat(o.memoryTotalBytes()).isEqualTo(34359738368L);
        assertThat(o.gpus()).singleElement().satisfies(g -> {
            assertThat(g.gpuName()).isEqualTo("RTX 3090");
            assertThat(g.bandwidthGBps()).isNull();
            assertThat(g.vramTotalBytes()).isEqualTo(25769803776L);
            assertThat(g.tdpWatts()).isEqualTo(350);
        });
        assertThat(o.whatIfCards()).containsExactly("rtx-4090");
        assertThat(loaded.note()).hasValueSatisfying(n -> assertThat(n)
                .contains("memory bandwidth: -5 is too small").contains("RTX 3090 bandwidth: NaN is not a finite number")
                .contains("RTX 4090 bandwidth: Infinity is not a finite number"));
    }

    @Test
    void noFileMeansNoOverrides(@TempDir Path settings) {
        assertThat(new OverridesStore(settings).load()).isEqualTo(
                new OverridesStore.Loaded(HardwareOverrides.none(), java.util.Optional.empty()));
    }
}
