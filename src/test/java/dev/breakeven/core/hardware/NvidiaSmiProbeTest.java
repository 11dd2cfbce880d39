package dev.breakeven.core.hardware;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NvidiaSmiProbeTest {
    private static final long MIB = 1024L * 1024L;

    @Test
    void readsAnRtx4090() {
        GpuFindings found = NvidiaSmiProbe.parse(Fixtures.text("nvidia-smi-rtx4090.csv"));
        assertThat(found.notes()).isEmpty();
        assertThat(found.gpus()).singleElement().satisfies(gpu -> {
            assertThat(gpu.name()).isEqualTo("NVIDIA GeForce RTX 4090");
            assertThat(gpu.vendor()).isEqualTo(GpuVendor.NVIDIA);
            assertThat(gpu.vramTotalBytes()).isEqualTo(24564 * MIB);
            assertThat(gpu.vramFreeBytes()).isEqualTo(24057 * MIB);
            assertThat(gpu.driver()).isEqualTo("550.163.01");
            assertThat(gpu.tdpWatts()).isEqualTo(450);
            assertThat(gpu.sourceOf(GpuFigure.VRAM_TOTAL)).isEqualTo(FigureSource.DETECTED);
            assertThat(gpu.bandwidthGBps()).isNull();
        });
    }

    @Test
    void readsEveryGpuOfAMultiGpuMachine() {
        assertThat(NvidiaSmiProbe.parse(Fixtures.text("nvidia-smi-rtx3090x2.csv")).gpus())
                .extracting(GpuInfo::name).containsExactly("NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 3090");
        assertThat(NvidiaSmiProbe.parse(Fixtures.text("nvidia-smi-h100.csv")).gpus())
                .hasSize(2).allSatisfy(g -> assertThat(g.vramTotalBytes()).isEqualTo(81559 * MIB))
                .allSatisfy(g -> assertThat(g.tdpWatts()).isEqualTo(700));
        assertThat(NvidiaSmiProbe.parse(Fixtures.text("nvidia-smi-a800.csv")).gpus())
                .singleElement().satisfies(g -> assertThat(g.vramFreeBytes()).isEqualTo((81920 - 34447) * MIB));
    }

    @Test
    void notAvailableFiguresStayUnknown() {
        GpuInfo gpu = NvidiaSmiProbe.parse(Fixtures.text("nvidia-smi-na.csv")).gpus().getFirst();
        assertThat(gpu.tdpWatts()).isNull();
        assertThat(gpu.sourceOf(GpuFigure.TDP)).isNull();
        assertThat(gpu.vramTotalBytes()).isEqualTo(2004 * MIB);
    }

    @Test
    void garbledLinesBecomeNotesAndGoodLinesSurvive() {
        GpuFindings found = NvidiaSmiProbe.parse(Fixtures.text("nvidia-smi-garbled.csv"));
        assertThat(found.gpus()).hasSize(1);
        assertThat(found.notes()).hasSize(2)
                .anySatisfy(n -> assertThat(n).contains("Failed to initialize NVML"))
                .anySatisfy(n -> assertThat(n).contains("not a number"));
    }

    @Test
    void missingToolIsQuiet(@TempDir Path emptyPath) {
        GpuFindings found = new NvidiaSmiProbe(new ToolRunner(List.of(emptyPath), Duration.ofSeconds(1))).probe();
        assertThat(found.gpus()).isEmpty();
        assertThat(found.notes()).isEmpty();
    }

    @Test
    void runsTheToolFoundOnThePath(@TempDir Path bin) throws IOException {
        Path csv = Fixtures.path("nvidia-smi-rtx3090x2.csv");
        script(bin, "#!/bin/sh\n[ \"$1\" = \"" + NvidiaSmiProbe.QUERY + "\" ] || exit 3\ncat '" + csv + "'\n");
        GpuFindings found = new NvidiaSmiProbe(new ToolRunner(List.of(bin), Duration.ofSeconds(5))).probe();
        assertThat(found.gpus()).hasSize(2);
    }

    @Test
    void aHungToolIsKilledAndNoted(@TempDir Path bin) throws IOException {
        Path pidFile = bin.resolve("child.pid");
        script(bin, "#!/bin/sh\nsleep 30 &\necho $! > '" + pidFile + "'\nwait\n");
        long start = System.nanoTime();
        GpuFindings found = new NvidiaSmiProbe(new ToolRunner(List.of(bin), Duration.ofMillis(700))).probe();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).isLessThan(10_000);
        assertThat(found.gpus()).isEmpty();
        assertThat(found.notes()).singleElement().satisfies(n -> assertThat(n).contains("did not answer"));
        long sleeper = Long.parseLong(Files.readString(pidFile).strip());
        // The stuck child is gone too, not left running behind the killed script.
        ProcessHandle.of(sleeper).ifPresent(h -> h.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aFailingToolIsNoted(@TempDir Path bin) throws IOException {
        script(bin, "#!/bin/sh\necho 'NVIDIA-SMI has failed because it couldn'\"'\"'t communicate with the NVIDIA driver' >&2\nexit 9\n");
        GpuFindings found = new NvidiaSmiProbe(new ToolRunner(List.of(bin), Duration.ofSeconds(5))).probe();
        assertThat(found.notes()).singleElement().satisfies(n -> assertThat(n).contains("exit 9").contains("NVIDIA driver"));
    }

    private static void script(Path bin, String body) throws IOException {
        Path tool = bin.resolve("nvidia-smi");
        Files.writeString(tool, body);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
