package dev.breakeven.core.power;

import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.GpuInfo;
import dev.breakeven.core.hardware.GpuVendor;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MemoryInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EstimateBasesTest {
    private static final CpuInfo CPU = new CpuInfo("AMD Ryzen 7 7700", 8, 16, List.of());
    private static final MemoryInfo MEMORY = new MemoryInfo(32L << 30, 16L << 30, null, null);

    @Test
    void takesTheGpuTdpWithItsSource() {
        GpuInfo unknown = GpuInfo.detected("Mystery GPU", GpuVendor.OTHER, null, null, null, null, false);
        GpuInfo catalogued = GpuInfo.detected("NVIDIA GeForce RTX 4090", GpuVendor.NVIDIA, 24L << 30, null, "550", null, false)
                .withTdp(450, FigureSource.CATALOG);
        HardwareProfile profile = new HardwareProfile("Linux", CPU, MEMORY, List.of(unknown, catalogued), List.of());

        EstimateBasis basis = EstimateBases.forFirstGpu(profile).orElseThrow();

        assertThat(basis.device()).isEqualTo("NVIDIA GeForce RTX 4090");
        assertThat(basis.tdpWatts()).isEqualTo(450);
        assertThat(basis.tdpSource()).isEqualTo("catalog");
        assertThat(EstimateBases.forGpu(unknown)).isEmpty();
    }

    @Test
    void aCpuEstimateNeedsTheUsersTdp() {
        HardwareProfile profile = new HardwareProfile("Linux", CPU, MEMORY, List.of(), List.of());
        assertThat(EstimateBases.forFirstGpu(profile)).isEmpty();
        EstimateBasis cpu = EstimateBases.forCpu(profile, 65);
        assertThat(cpu.device()).isEqualTo("AMD Ryzen 7 7700");
        assertThat(cpu.tdpSource()).isEqualTo("user");
    }
}
