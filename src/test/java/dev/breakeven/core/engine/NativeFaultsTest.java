package dev.breakeven.core.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The --no-repack record: per binary build (path, size, time) and per CPU, surviving a damaged file. */
class NativeFaultsTest {
    @TempDir
    Path dir;

    @Test
    void rememberedPerBinaryBuildAndCpu() throws Exception {
        Path binary = Files.writeString(dir.resolve("llama-server"), "build 1");
        Path other = Files.writeString(dir.resolve("other-server"), "build 1");
        Path file = dir.resolve("data/native-faults.json");
        NativeFaults xeon = new NativeFaults(file, "Intel(R) Xeon(R) Platinum 8480+ [amx_bf16 amx_int8 amx_tile]");
        assertThat(xeon.needsNoRepack(binary)).isFalse();

        xeon.rememberNoRepack(binary, "GGML_ASSERT(false) failed (aborted, exit code 134)");

        assertThat(xeon.needsNoRepack(binary)).isTrue();
        assertThat(xeon.needsNoRepack(other)).isFalse();
        assertThat(new NativeFaults(file, "AMD EPYC 9654").needsNoRepack(binary)).isFalse();
        assertThat(Files.readString(file)).contains("GGML_ASSERT", "amx_tile");

        Files.writeString(binary, "build 2, a different size"); // an updated runtime is tried afresh
        assertThat(xeon.needsNoRepack(binary)).isFalse();
        assertThat(xeon.needsNoRepack(dir.resolve("missing"))).isFalse();
    }

    @Test
    void aDamagedFileForgetsAndIsRewritten() throws Exception {
        Path binary = Files.writeString(dir.resolve("llama-server"), "build 1");
        Path file = Files.writeString(dir.resolve("native-faults.json"), "{not json");
        NativeFaults faults = new NativeFaults(file, "cpu");
        assertThat(faults.needsNoRepack(binary)).isFalse();
        faults.rememberNoRepack(binary, "crash");
        assertThat(faults.needsNoRepack(binary)).isTrue();
    }

    @Test
    void thisCpuHasAName() {
        assertThat(NativeFaults.cpuIdentity()).isNotBlank();
    }
}
