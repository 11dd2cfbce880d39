package dev.breakeven.core.power;

import java.util.List;

/**
 * One CPU of {@code catalog/cpu-power.json}: its rated and published power figures, with source and date.
 * Null figures are unpublished ones (Apple gives no TDP; servers have no separate boost limit).
 *
 * @param cores physical cores of the whole package; a virtual machine sees a share of it
 */
public record CpuPowerSpec(String id, String name, String vendor, String segment, int cores, Double tdpWatts,
                           Double maxPowerWatts, String maxPowerName, Double measuredLoadWatts, String measuredWhat,
                           List<String> aliases, String source, String checked, String note) {
    public CpuPowerSpec {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /**
     * The figure a CPU draws while decoding on all cores: a published measured package power where there is one
     * (Apple), a laptop's sustained base power (its turbo limit lasts seconds, an answer lasts longer), a desktop's
     * stock all-core limit (AMD PPT, Intel Maximum Turbo Power: boards run at it for as long as the load lasts),
     * else the rated TDP.
     */
    public Figure loadFigure() {
        if (measuredLoadWatts != null) {
            return new Figure(measuredLoadWatts, "measured " + Math.round(measuredLoadWatts) + " W");
        }
        boolean sustainedLimit = !"laptop".equals(segment) && maxPowerWatts != null;
        if (sustainedLimit) {
            return new Figure(maxPowerWatts, maxPowerName + " " + Math.round(maxPowerWatts) + " W");
        }
        if (tdpWatts == null) {
            throw new IllegalStateException("catalog entry " + id + " has no power figure");
        }
        return new Figure(tdpWatts, "TDP " + Math.round(tdpWatts) + " W");
    }

    /** Watts and how they are named on screen ("PPT 230 W"). */
    public record Figure(double watts, String text) {
    }
}
