package dev.breakeven.core.hardware;

import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.core.models.GpuCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HardwareDetectorTest {
    private static final GpuReferences CATALOG = new CatalogGpuReferences(GpuCatalog.load());

    /** This build machine has no GPU: detection must still give a full CPU/RAM profile. */
    @Test
    void thisMachineGivesAProfileWithCpuAndRam() throws IOException {
        HardwareProfile profile = HardwareDetector.forThisMachine(CATALOG).detect();
        assertThat(profile.os()).isNotBlank();
        assertThat(profile.cpu().logicalCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(profile.cpu().physicalCores()).isPositive();
        assertThat(profile.memory().totalBytes()).isGreaterThan(Runtime.getRuntime().maxMemory() / 4);
        assertThat(profile.memory().availableBytes()).isPositive().isLessThanOrEqualTo(profile.memory().totalBytes());
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            String text = Files.readString(cpuinfo);
            String model = text.lines().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
            assertThat(profile.cpu().model()).isEqualTo(model);
            assertThat(profile.cpu().flags().contains("AVX2")).isEqualTo(text.contains(" avx2"));
        }
        if (!Files.exists(Path.of("/dev/nvidia0")) && !Files.exists(Path.of("/dev/kfd"))) {
            assertThat(profile.noDetectedGpu()).isTrue();
        }
    }

    @Test
    void probesRunSideBySideAndAHungOneDoesNotHoldUpTheRest(@TempDir Path bin) throws IOException {
        Path tool = bin.resolve("nvidia-smi");
        Files.writeString(tool, "#!/bin/sh\nsleep 20\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        ToolRunner runner = new ToolRunner(List.of(bin), Duration.ofMillis(800));
        BaseFindings base = new BaseFindings("Linux", new CpuInfo("cpu", 1, 1, List.of()),
                new MemoryInfo(1, 1, null, null), List.of(), List.of());
        HardwareDetector detector = new HardwareDetector(() -> base,
                List.of(new NvidiaSmiProbe(runner), new AmdSysfsProbe(Fixtures.path("amd-7900xtx"))), CATALOG);
        long start = System.nanoTime();
        HardwareProfile profile = detector.detect(HardwareOverrides.none().withMemoryBandwidth(40.0));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        assertThat(profile.gpus()).singleElement().satisfies(g -> assertThat(g.vendor()).isEqualTo(GpuVendor.AMD));
        assertThat(profile.notes()).anySatisfy(n -> assertThat(n).contains("nvidia-smi did not answer"));
        assertThat(profile.memory().bandwidthGBps()).isEqualTo(40.0);
    }
}
