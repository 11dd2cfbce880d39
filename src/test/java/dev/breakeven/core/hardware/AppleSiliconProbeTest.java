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

class AppleSiliconProbeTest {
    private static final long GIB = 1024L * 1024L * 1024L;

    @Test
    void anM2MaxWith32GbGetsTwoThirdsForTheGpu() {
        GpuInfo gpu = AppleSiliconProbe.parse(Fixtures.text("sysctl-m2max.txt")).gpus().getFirst();
        assertThat(gpu.name()).isEqualTo("Apple M2 Max");
        assertThat(gpu.unifiedMemory()).isTrue();
        assertThat(gpu.vramTotalBytes()).isEqualTo(Math.round(32 * GIB * 2.0 / 3.0));
    }

    @Test
    void anM3UltraWith96GbGetsThreeQuarters() {
        GpuInfo gpu = AppleSiliconProbe.parse(Fixtures.text("sysctl-m3ultra.txt")).gpus().getFirst();
        assertThat(gpu.name()).isEqualTo("Apple M3 Ultra");
        assertThat(gpu.vramTotalBytes()).isEqualTo(72 * GIB);
    }

    @Test
    void aRaisedWiredLimitWins() {
        GpuInfo gpu = AppleSiliconProbe.parse(Fixtures.text("sysctl-m1pro-raised.txt")).gpus().getFirst();
        assertThat(gpu.vramTotalBytes()).isEqualTo(14 * GIB);
    }

    @Test
    void anIntelMacOrGarbageGivesNoGpu() {
        assertThat(AppleSiliconProbe.parse("machdep.cpu.brand_string: Intel(R) Core(TM) i9-9880H CPU @ 2.30GHz\n")
                .gpus()).isEmpty();
        assertThat(AppleSiliconProbe.parse("machdep.cpu.brand_string: Apple M4\nhw.memsize: lots\n").notes())
                .singleElement().satisfies(n -> assertThat(n).contains("hw.memsize"));
    }

    @Test
    void runsSysctlOnlyOnMacOs(@TempDir Path bin) throws IOException {
        Path tool = bin.resolve("sysctl");
        Files.writeString(tool, "#!/bin/sh\ncat '" + Fixtures.path("sysctl-m2max.txt") + "'\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        ToolRunner runner = new ToolRunner(List.of(bin), Duration.ofSeconds(5));
        assertThat(new AppleSiliconProbe(runner, true).probe().gpus()).hasSize(1);
        assertThat(new AppleSiliconProbe(runner, false).probe().gpus()).isEmpty();
    }
}
