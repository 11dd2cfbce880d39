package dev.breakeven.core.compare;

import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.io.Json;

/**
 * The comparison's own assumptions, each with its source in {@code catalog/compare-settings.json}.
 *
 * @param loadFactor                  watts drawn during decode as a share of the card's TDP
 * @param multiGpuOverheadPerExtraCard slow-down of a token for each card beyond the first (layer split)
 * @param referenceHost               the computer a catalog card is assumed to sit in
 * @param largestModelQuant           quant of the "largest model that runs fully" column
 * @param largestModelContext         context of that column
 */
public record CompareSettings(String checked, double loadFactor, String loadFactorSource,
                              double multiGpuOverheadPerExtraCard, String multiGpuSource, ReferenceHost referenceHost,
                              String largestModelQuant, int largestModelContext) {
    private static final String RESOURCE = "/dev/breakeven/catalog/compare-settings.json";
    private static final long GIB = 1024L * 1024L * 1024L;

    public CompareSettings {
        if (!(loadFactor > 0 && loadFactor <= 1.5) || multiGpuOverheadPerExtraCard < 0 || referenceHost == null
                || largestModelContext < 1) {
            throw new IllegalArgumentException("compare settings out of range");
        }
    }

    public record ReferenceHost(double ramGiB, double bandwidthGBps, int cpuCores, String source) {
        public HostSpec spec() {
            return new HostSpec(Math.round(ramGiB * GIB), bandwidthGBps, cpuCores);
        }
    }

    public static CompareSettings bundled() {
        return Json.resource(RESOURCE, CompareSettings.class);
    }
}
