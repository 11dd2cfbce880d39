package dev.breakeven.core.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssetPickerTest {
    private static final Platform LINUX = new Platform(Platform.Os.LINUX, Platform.Arch.X64);
    private static final Platform WINDOWS = new Platform(Platform.Os.WINDOWS, Platform.Arch.X64);
    private static final Platform MAC = new Platform(Platform.Os.MACOS, Platform.Arch.ARM64);

    @Test
    void readsTagAssetsAndDigestsOfTheRecordedRelease() {
        Release release = Releases.b11476();
        assertThat(release.tag()).isEqualTo("b11476");
        assertThat(release.assets()).hasSize(21);
        ReleaseAsset vulkan = release.asset("llama-b11476-bin-ubuntu-vulkan-x64.tar.gz").orElseThrow();
        assertThat(vulkan.size()).isEqualTo(31_684_207L);
        assertThat(vulkan.sha256()).isEqualTo("5bb4306d7917f33e81efda02e6f791ae6a82e86bee121227a3ab2b4e8e40427f");
        assertThat(release.asset("llama-b11476-bin-ubuntu-x64.tar.gz").orElseThrow().sha256()).isNull();
    }

    @Test
    void linuxX64HasCpuVulkanAndRocmButNoCuda() {
        List<RuntimePackage> linux = AssetPicker.packages(Releases.b11476(), LINUX);
        assertThat(linux).extracting(p -> p.archive().name()).containsExactlyInAnyOrder(
                "llama-b11476-bin-ubuntu-x64.tar.gz",
                "llama-b11476-bin-ubuntu-vulkan-x64.tar.gz",
                "llama-b11476-bin-ubuntu-rocm-7.2-x64.tar.gz");
        assertThat(AssetPicker.packages(Releases.b11476(), LINUX, Backend.CUDA)).isEmpty();
        assertThat(AssetPicker.packages(Releases.b11476(), LINUX, Backend.HIP).getFirst().runtimeId())
                .isEqualTo("b11476-rocm-7.2");
    }

    @Test
    void windowsCudaComesWithItsCudartArchiveNewestFirst() {
        List<RuntimePackage> cuda = AssetPicker.packages(Releases.b11476(), WINDOWS, Backend.CUDA);
        assertThat(cuda).extracting(RuntimePackage::cudaVersion).containsExactly("13.3", "12.4");
        RuntimePackage cuda12 = cuda.get(1);
        assertThat(cuda12.archive().name()).isEqualTo("llama-b11476-bin-win-cuda-12.4-x64.zip");
        assertThat(cuda12.extras()).extracting(ReleaseAsset::name).containsExactly("cudart-llama-bin-win-cuda-12.4-x64.zip");
        assertThat(cuda12.downloads()).hasSize(2);
        assertThat(AssetPicker.packages(Releases.b11476(), WINDOWS, Backend.CPU)).singleElement()
                .extracting(p -> p.archive().name()).isEqualTo("llama-b11476-bin-win-cpu-x64.zip");
        assertThat(AssetPicker.packages(Releases.b11476(), WINDOWS, Backend.HIP)).singleElement()
                .extracting(p -> p.archive().name()).isEqualTo("llama-b11476-bin-win-hip-radeon-x64.zip");
    }

    @Test
    void macArm64IsMetalAndMacX64IsCpu() {
        assertThat(AssetPicker.packages(Releases.b11476(), MAC)).singleElement()
                .satisfies(p -> assertThat(p.backend()).isEqualTo(Backend.METAL));
        assertThat(AssetPicker.packages(Releases.b11476(), new Platform(Platform.Os.MACOS, Platform.Arch.X64)))
                .singleElement().satisfies(p -> assertThat(p.backend()).isEqualTo(Backend.CPU));
    }

    @Test
    void aLinuxCudaBuildIsPickedUpWhenAReleaseHasOne() throws IOException {
        // Pull requests for a Linux CUDA archive exist; matching by pattern picks it up without a code change.
        Release release = Release.parse("""
                {"tag_name": "b99999", "assets": [
                  {"name": "llama-b99999-bin-ubuntu-cuda-12.8-x64.tar.gz", "size": 10,
                   "digest": "sha256:%s", "browser_download_url": "https://example.org/a.tar.gz"},
                  {"name": "llama-b99999-bin-ubuntu-x64.tar.gz", "size": 10,
                   "digest": "sha256:%s", "browser_download_url": "https://example.org/b.tar.gz"}]}
                """.formatted("a".repeat(64), "b".repeat(64)));
        assertThat(AssetPicker.packages(release, LINUX, Backend.CUDA)).singleElement()
                .satisfies(p -> {
                    assertThat(p.cudaVersion()).isEqualTo("12.8");
                    assertThat(p.extras()).isEmpty();
                });
    }

    @Test
    void unusableNamesAndVariantsAreSkipped() {
        assertThat(AssetPicker.parse("llama-b1-xcframework.zip")).isEmpty();
        assertThat(AssetPicker.parse("llama-b1-ui.tar.gz")).isEmpty();
        assertThat(AssetPicker.parse("llama-b1-bin-ubuntu-openvino-2026.0-x64.tar.gz"))
                .flatMap(AssetPicker::backendOf).isEmpty();
        assertThat(AssetPicker.parse("llama-b1-bin-win-avx2-x64.zip")).flatMap(AssetPicker::backendOf)
                .contains(Backend.CPU);
    }

    @Test
    void notAReleaseIsACleanError() {
        assertThatThrownBy(() -> Release.parse("<html>rate limited</html>")).isInstanceOf(IOException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Release.parse("{\"message\": \"Not Found\"}")).isInstanceOf(IOException.class)
                .hasMessageContaining("no tag_name");
    }

    @Test
    void digestsOtherThanSha256AreNotTrusted() {
        assertThat(ReleaseAsset.sha256Of("sha256:" + "A".repeat(64))).isEqualTo("a".repeat(64));
        assertThat(ReleaseAsset.sha256Of("sha512:" + "a".repeat(128))).isNull();
        assertThat(ReleaseAsset.sha256Of("sha256:abc")).isNull();
        assertThat(ReleaseAsset.sha256Of(null)).isNull();
    }
}
