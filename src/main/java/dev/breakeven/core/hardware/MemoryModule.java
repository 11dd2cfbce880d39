package dev.breakeven.core.hardware;

/** One installed RAM module as the firmware tables describe it; speed 0 when unknown. */
public record MemoryModule(String bankLabel, long capacityBytes, long megaTransfersPerSecond, String type) {
}
