package dev.breakeven.core.fit;

import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MemoryInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HardwareTargetsTest {
    private static final long GIB = 1L << 30;

    private static HardwareProfile machine(Double ramBandwidthGBps) {
        return new HardwareProfile("Linux", new CpuInfo("Test CPU", 8, 16, List.of("avx2")),
                new MemoryInfo(64 * GIB, 60 * GIB, ramBandwidthGBps,
                        ramBandwidthGBps == null ? FigureSource.DETECTED : FigureSource.USER),
                List.of(), List.of());
    }

    @Test
    void anUnknownRamBandwidthIsAssumedAndSaidSo() {
        HardwareProfile unknown = machine(null);
        assertThat(HardwareTargets.host(unknown, 40).bandwidthGBps()).isEqualTo(40);
        assertThat(HardwareTargets.assumedBandwidthNote(unknown, 40)).hasValueSatisfying(note ->
                assertThat(note).contains("RAM bandwidth unknown").contains("40 GB/s").contains("Hardware page"));
    }

    @Test
    void aKnownRamBandwidthIsUsedWithoutANote() {
        HardwareProfile known = machine(83.2);
        assertThat(HardwareTargets.host(known, 40).bandwidthGBps()).isEqualTo(83.2);
        assertThat(HardwareTargets.assumedBandwidthNote(known, 40)).isEmpty();
    }
}
