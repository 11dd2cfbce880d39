package dev.breakeven.core.hardware;

import java.util.List;
import java.util.Optional;

/**
 * Theoretical peak system-memory bandwidth: channels × 8 bytes (one 64-bit channel) × MT/s.
 * The firmware tables name modules, not channels, so channels are inferred from the module count:
 * one or two modules are one channel each; three to five are taken as a desktop dual-channel board
 * (two modules per channel); six or more as a server board with one module per channel.
 * A guess in either direction is what the user override is for.
 */
public final class MemoryBandwidth {
    private static final int BYTES_PER_CHANNEL_TRANSFER = 8;
    private static final int DESKTOP_CHANNELS = 2;
    private static final int SERVER_MODULE_COUNT = 6;

    private MemoryBandwidth() {
    }

    /** GB/s (10^9 bytes), or empty when no module reports its speed. */
    public static Optional<Double> estimate(List<MemoryModule> modules) {
        List<MemoryModule> known = modules.stream().filter(m -> m.megaTransfersPerSecond() > 0).toList();
        if (known.isEmpty()) {
            return Optional.empty();
        }
        // Mixed modules run at the slowest one's speed.
        long mts = known.stream().mapToLong(MemoryModule::megaTransfersPerSecond).min().orElseThrow();
        int channels = channelsFor(known.size());
        return Optional.of(channels * (double) BYTES_PER_CHANNEL_TRANSFER * mts / 1000.0);
    }

    public static int channelsFor(int moduleCount) {
        if (moduleCount <= DESKTOP_CHANNELS || moduleCount >= SERVER_MODULE_COUNT) {
            return moduleCount;
        }
        return DESKTOP_CHANNELS;
    }
}
