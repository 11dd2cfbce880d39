package dev.breakeven.core.chat;

import org.junit.jupiter.api.Test;
import oshi.SystemInfo;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AvailableMemoryTest {
    @Test
    void readsLinuxsOwnEstimateWithinThePhysicalMemory() {
        assumeTrue(Files.isReadable(Path.of("/proc/meminfo")), "Linux only");
        long available = AvailableMemory.linuxMemAvailable();
        long total = new SystemInfo().getHardware().getMemory().getTotal();
        assertThat(available).isPositive().isLessThanOrEqualTo(total);
        // Memory moves between two reads on a shared machine; the figure is the kernel's, not OSHI's fallback.
        assertThat(AvailableMemory.bytes()).isCloseTo(available, org.assertj.core.data.Offset.offset(1L << 30));
    }
}
