package dev.breakeven.core.runtime;

import dev.breakeven.core.hardware.AmdSysfsProbe;
import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.GpuInfo;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MemoryInfo;
import dev.breakeven.core.hardware.NvidiaSmiProbe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Hardware profiles built by the real probes from the recorded tool outputs in src/test/resources/hardware. */
final class ProfilesForTest {
    private ProfilesForTest() {
    }

    static HardwareProfile nvidiaSmi(String csvFixture) {
        return profile(NvidiaSmiProbe.parse(text(csvFixture)).gpus());
    }

    static HardwareProfile amd7900xtx() {
        return profile(new AmdSysfsProbe(path("amd-7900xtx")).probe().gpus());
    }

    static HardwareProfile noGpu() {
        return profile(List.of());
    }

    static HardwareProfile profile(List<GpuInfo> gpus) {
        return new HardwareProfile("test", new CpuInfo("Test CPU", 8, 16, List.of("AVX2")),
                new MemoryInfo(32L << 30, 16L << 30, null, null), gpus, List.of());
    }

    private static Path path(String name) {
        try {
            return Path.of(ProfilesForTest.class.getResource("/hardware/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(String name) {
        try {
            return Files.readString(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
