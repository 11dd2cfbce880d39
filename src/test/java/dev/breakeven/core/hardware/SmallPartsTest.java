package dev.breakeven.core.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmallPartsTest {
    @Test
    void cpuFlagsFromLinuxMacAndWindowsSpellings() {
        String linux = "flags\t\t: fpu sse2 avx f16c fma avx2 avx512f avx512_vnni avx512bw";
        assertThat(CpuFlags.relevant(List.of(linux)))
                .containsExactly("AVX", "AVX2", "AVX512F", "AVX512_VNNI", "FMA", "F16C");
        assertThat(CpuFlags.relevant(List.of("Features\t: fp asimd evtstrm aes sve"))).containsExactly("NEON", "SVE");
        assertThat(CpuFlags.relevant(List.of("machdep.cpu.features: FPU AVX1.0 F16C", "machdep.cpu.leaf7_features: AVX2")))
                .containsExactly("AVX", "AVX2", "F16C");
        assertThat(CpuFlags.relevant(List.of("PF_AVX2_INSTRUCTIONS_AVAILABLE", "PF_ARM_NEON_INSTRUCTIONS_AVAILABLE")))
                .containsExactly("AVX2", "NEON");
        assertThat(CpuFlags.relevant(List.of())).isEmpty();
    }

    @Test
    void memoryBandwidthIsChannelsTimesEightBytesTimesTransfers() {
        MemoryModule ddr5 = new MemoryModule("A1", 16L << 30, 5600, "DDR5");
        assertThat(MemoryBandwidth.estimate(List.of(ddr5, ddr5))).hasValue(89.6);
        // Four desktop DIMMs still share two channels.
        assertThat(MemoryBandwidth.estimate(List.of(ddr5, ddr5, ddr5, ddr5))).hasValue(89.6);
        MemoryModule server = new MemoryModule("P0", 32L << 30, 4800, "DDR5");
        assertThat(MemoryBandwidth.estimate(java.util.Collections.nCopies(8, server))).hasValue(307.2);
        // Mixed speeds run at the slower one; unknown speeds give no estimate.
        assertThat(MemoryBandwidth.estimate(List.of(ddr5, new MemoryModule("B1", 16L << 30, 4800, "DDR5")))).hasValue(76.8);
        assertThat(MemoryBandwidth.estimate(List.of(new MemoryModule("?", 1, 0, "Unknown")))).isEmpty();
    }

    @Test
    void sourcesAreLowerCaseInJson() throws Exception {
        GpuInfo gpu = GpuInfo.detected("NVIDIA GeForce RTX 4090", GpuVendor.NVIDIA, 1L, null, null, 450, false)
                .withBandwidth(1008.0, FigureSource.CATALOG);
        JsonNode json = Json.mapper().valueToTree(gpu);
        assertThat(json.get("vendor").asText()).isEqualTo("nvidia");
        assertThat(json.get("source").asText()).isEqualTo("detected");
        assertThat(json.get("sources").get("bandwidthGBps").asText()).isEqualTo("catalog");
        assertThat(json.get("sources").get("tdpWatts").asText()).isEqualTo("detected");
    }
}
