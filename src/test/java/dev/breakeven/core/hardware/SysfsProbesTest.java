package dev.breakeven.core.hardware;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SysfsProbesTest {
    @Test
    void readsA7900XtxFromSysfs() {
        GpuFindings found = new AmdSysfsProbe(Fixtures.path("amd-7900xtx")).probe();
        assertThat(found.notes()).isEmpty();
        assertThat(found.authoritativeFor()).isEqualTo(GpuVendor.AMD);
        assertThat(found.gpus()).singleElement().satisfies(gpu -> {
            assertThat(gpu.vendor()).isEqualTo(GpuVendor.AMD);
            assertThat(gpu.vramTotalBytes()).isEqualTo(25_753_026_560L);
            assertThat(gpu.vramFreeBytes()).isEqualTo(25_753_026_560L - 1_023_664_128L);
            assertThat(gpu.tdpWatts()).isEqualTo(339);
            assertThat(gpu.name()).contains("0x744c");
        });
    }

    @Test
    void absentSysfsIsQuiet(@TempDir Path nothing) {
        assertThat(new AmdSysfsProbe(nothing.resolve("no-such-dir")).probe().gpus()).isEmpty();
        assertThat(new IntelArcProbe(nothing.resolve("no-such-dir")).probe().notes()).isEmpty();
    }

    @Test
    void aGarbledSysfsFileIsANote(@TempDir Path root) throws IOException {
        Path device = Files.createDirectories(root.resolve("card0/device"));
        Files.writeString(device.resolve("vendor"), "0x1002\n");
        Files.writeString(device.resolve("mem_info_vram_total"), "banana\n");
        GpuFindings found = new AmdSysfsProbe(root).probe();
        assertThat(found.gpus()).isEmpty();
        assertThat(found.notes()).singleElement().satisfies(n -> assertThat(n).contains("mem_info_vram_total"));
    }

    @Test
    void findsADiscreteArcCardAndSkipsIntegratedGraphics() {
        GpuFindings arc = new IntelArcProbe(Fixtures.path("arc-b580")).probe();
        assertThat(arc.gpus()).singleElement().satisfies(gpu -> {
            assertThat(gpu.vendor()).isEqualTo(GpuVendor.INTEL);
            assertThat(gpu.tdpWatts()).isEqualTo(190);
        });
        // The 7900 XTX tree also holds an Intel iGPU without a power cap: not a discrete card.
        assertThat(new IntelArcProbe(Fixtures.path("amd-7900xtx")).probe().gpus()).isEmpty();
    }
}
