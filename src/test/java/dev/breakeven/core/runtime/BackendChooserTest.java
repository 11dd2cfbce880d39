package dev.breakeven.core.runtime;

import dev.breakeven.core.hardware.GpuInfo;
import dev.breakeven.core.hardware.GpuVendor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Backend choice on hardware profiles the real probes build from recorded nvidia-smi and sysfs outputs. */
class BackendChooserTest {
    private static final Platform LINUX = new Platform(Platform.Os.LINUX, Platform.Arch.X64);
    private static final Platform WINDOWS = new Platform(Platform.Os.WINDOWS, Platform.Arch.X64);

    @Test
    void rtx4090OnWindowsGetsTheNewestCudaItsDriverRuns() {
        // driver 550.163.01: CUDA 12 (≥ 527.41) yes, CUDA 13 (≥ 580) no
        BackendChoice choice = new BackendChooser(WINDOWS, true)
                .choose(ProfilesForTest.nvidiaSmi("nvidia-smi-rtx4090.csv"), Releases.b11476());
        assertThat(choice.backend()).isEqualTo(Backend.CUDA);
        assertThat(choice.pkg().cudaVersion()).isEqualTo("12.4");
        assertThat(choice.pkg().extras()).extracting(ReleaseAsset::name)
                .containsExactly("cudart-llama-bin-win-cuda-12.4-x64.zip");
        assertThat(choice.reason()).contains("RTX 4090", "550.163.01", "CUDA 12.4", "≥ 527.41");
    }

    @Test
    void a100WithDriver580GetsCuda13() {
        BackendChoice choice = new BackendChooser(WINDOWS, true)
                .choose(ProfilesForTest.nvidiaSmi("nvidia-smi-a100-40gb.csv"), Releases.b11476());
        assertThat(choice.pkg().cudaVersion()).isEqualTo("13.3");
    }

    @Test
    void anOldDriverFallsBackToVulkanAndSaysWhy() {
        // driver 450.191.01 is older than CUDA 12's 527.41
        BackendChoice choice = new BackendChooser(WINDOWS, true)
                .choose(ProfilesForTest.nvidiaSmi("nvidia-smi-a100-80gb.csv"), Releases.b11476());
        assertThat(choice.backend()).isEqualTo(Backend.VULKAN);
        assertThat(choice.reason()).contains("450.191.01", "too old", "Vulkan");
    }

    @Test
    void nvidiaOnLinuxGetsVulkanBecauseTheReleaseHasNoLinuxCuda() {
        BackendChoice choice = new BackendChooser(LINUX, true)
                .choose(ProfilesForTest.nvidiaSmi("nvidia-smi-rtx3090x2.csv"), Releases.b11476());
        assertThat(choice.backend()).isEqualTo(Backend.VULKAN);
        assertThat(choice.pkg().archive().name()).isEqualTo("llama-b11476-bin-ubuntu-vulkan-x64.tar.gz");
        assertThat(choice.reason()).contains("no CUDA build for linux-x64");
    }

    @Test
    void withoutAVulkanLoaderItIsTheCpuBuild() {
        BackendChoice choice = new BackendChooser(LINUX, false)
                .choose(ProfilesForTest.nvidiaSmi("nvidia-smi-h100.csv"), Releases.b11476());
        assertThat(choice.backend()).isEqualTo(Backend.CPU);
        assertThat(choice.reason()).contains("no Vulkan loader");
    }

    @Test
    void amdGetsRocmOnLinuxAndHipOnWindows() {
        BackendChoice linux = new BackendChooser(LINUX, true).choose(ProfilesForTest.amd7900xtx(), Releases.b11476());
        assertThat(linux.backend()).isEqualTo(Backend.HIP);
        assertThat(linux.pkg().archive().name()).contains("rocm-7.2");
        BackendChoice windows = new BackendChooser(WINDOWS, true).choose(ProfilesForTest.amd7900xtx(), Releases.b11476());
        assertThat(windows.pkg().archive().name()).contains("hip-radeon");
    }

    @Test
    void amdOnLinuxArmHasNoRocmSoVulkan() {
        BackendChoice choice = new BackendChooser(new Platform(Platform.Os.LINUX, Platform.Arch.ARM64), true)
                .choose(ProfilesForTest.amd7900xtx(), Releases.b11476());
        assertThat(choice.backend()).isEqualTo(Backend.VULKAN);
        assertThat(choice.reason()).contains("no ROCm/HIP build");
    }

    @Test
    void appleSiliconIsMetal() {
        GpuInfo m2 = GpuInfo.detected("Apple M2 Max", GpuVendor.APPLE, 32L << 30, null, null, null, true);
        BackendChoice choice = new BackendChooser(new Platform(Platform.Os.MACOS, Platform.Arch.ARM64), false)
                .choose(ProfilesForTest.profile(List.of(m2)), Releases.b11476());
        assertThat(choice.backend()).isEqualTo(Backend.METAL);
        assertThat(choice.reason()).contains("Apple Silicon");
    }

    @Test
    void noGpuIsCpuAndAnUnknownPlatformHasNothing() {
        assertThat(new BackendChooser(LINUX, true).choose(ProfilesForTest.noGpu(), Releases.b11476()).backend())
                .isEqualTo(Backend.CPU);
        BackendChoice none = new BackendChooser(new Platform(Platform.Os.OTHER, Platform.Arch.X64), true)
                .choose(ProfilesForTest.noGpu(), Releases.b11476());
        assertThat(none.pkg()).isNull();
        assertThat(none.reason()).contains("no llama-server build");
    }

    @Test
    void driverComparisonIsNumeric() {
        assertThat(CudaDrivers.atLeast("525.60.13", "525.60.13")).isTrue();
        assertThat(CudaDrivers.atLeast("525.9", "525.60.13")).isFalse();
        assertThat(CudaDrivers.atLeast("1000.1", "580")).isTrue();
        assertThat(CudaDrivers.atLeast("[N/A]", "580")).isFalse();
    }
}
