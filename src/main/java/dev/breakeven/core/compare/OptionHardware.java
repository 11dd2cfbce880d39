package dev.breakeven.core.compare;

import dev.breakeven.core.fit.GpuSpec;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HardwareTargets;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.hardware.GpuInfo;
import dev.breakeven.core.models.GpuCatalog;

/**
 * An option's hardware figures and the planner target that stands for it.
 *
 * <p>Several identical cards are planned as one card with their VRAM added up (less one runtime context per extra
 * card, each holds its own CUDA context) and the bandwidth of one card: llama.cpp's default layer split runs the
 * cards one after another for every token, so a token's time is Σ (card's share of the bytes ÷ its bandwidth), which
 * for equal cards is bytes ÷ one card's bandwidth. {@code speedFactor} then charges the hand-over between cards.
 *
 * @param vramBytes     memory the planner may fill; 0 without a GPU
 * @param bandwidthGBps bandwidth one token sees (one card's for a layer split; RAM's without a GPU)
 * @param tdpWatts      board power of all cards, null when unknown
 * @param priceUsd      what the option costs, null when unknown
 * @param speedFactor   multiplier on predicted speed for the inter-GPU hand-over (1 for one card)
 */
public record OptionHardware(String label, int cards, long vramBytes, double bandwidthGBps, Double tdpWatts,
                             Double priceUsd, HardwareTarget target, double speedFactor) {

    static OptionHardware resolve(CompareOption option, GpuCatalog catalog, CompareSettings settings,
                                  long gpuRuntimeOverheadBytes, double fallbackHostBandwidthGBps) {
        return switch (option) {
            case CompareOption.Cards c -> cards(c, settings, gpuRuntimeOverheadBytes);
            case CompareOption.ThisMachine m -> machine(m, catalog, fallbackHostBandwidthGBps);
        };
    }

    private static OptionHardware cards(CompareOption.Cards c, CompareSettings settings, long runtimeOverhead) {
        var card = c.card();
        int n = c.count();
        if (n > 1 && card.unifiedMemory()) {
            throw new IllegalArgumentException(card.name() + " is a unified-memory chip; only discrete cards can be combined");
        }
        HostSpec host = settings.referenceHost().spec();
        HardwareTarget single = HardwareTargets.fromCatalog(card, host);
        HardwareTarget target = single;
        if (n > 1) {
            GpuSpec one = single.gpu();
            long vram = n * one.vramBytes() - (n - 1) * runtimeOverhead;
            GpuSpec combined = new GpuSpec(c.label(), vram, one.bandwidthGBps(), one.fp16Tflops(), one.backend());
            target = new HardwareTarget(c.label(), combined, host, false);
        }
        Double tdp = card.tdpWatts() == null ? null : (double) card.tdpWatts() * n;
        Double price = c.priceUsd() != null ? c.priceUsd()
                : card.launchPriceUsd() == null ? null : (double) card.launchPriceUsd() * n;
        double speed = 1.0 / (1.0 + settings.multiGpuOverheadPerExtraCard() * (n - 1));
        return new OptionHardware(c.label(), n, target.gpu().vramBytes(), card.bandwidthGBps(), tdp, price, target,
                speed);
    }

    private static OptionHardware machine(CompareOption.ThisMachine m, GpuCatalog catalog, double fallbackBandwidth) {
        HardwareTarget target = HardwareTargets.fromProfile(m.profile(), catalog, fallbackBandwidth);
        Double tdp = null;
        if (target.gpu() != null) {
            GpuInfo info = m.profile().gpus().stream()
                    .filter(g -> target.gpu().name().equals(g.name())).findFirst().orElse(null);
            if (info != null && info.tdpWatts() != null) {
                tdp = (double) info.tdpWatts();
            } else if (info != null && info.catalogId() != null) {
                tdp = catalog.byId(info.catalogId()).map(s -> s.tdpWatts() == null ? null : (double) s.tdpWatts())
                        .orElse(null);
            }
        }
        long vram = target.gpu() == null ? 0 : target.gpu().vramBytes();
        double bandwidth = target.gpu() == null ? target.host().bandwidthGBps() : target.gpu().bandwidthGBps();
        double price = m.priceUsd() == null ? 0 : m.priceUsd();
        // the figures come from this machine: say whether a calibration run corrected them (shown on Compare and
        // carried as the rig's name to the Costs page)
        String label = target.label() + " · " + dev.breakeven.core.hardware.CalibrationStatus.of(m.profile());
        return new OptionHardware(label, target.gpu() == null ? 0 : 1, vram, bandwidth, tdp, price, target, 1);
    }
}
