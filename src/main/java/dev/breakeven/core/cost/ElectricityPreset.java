package dev.breakeven.core.cost;

import dev.breakeven.core.io.Json;

import java.util.List;

/** A region's electricity price, with the statistic it comes from. */
public record ElectricityPreset(String id, String name, double usdPerKwh, String note, String checked, String source) {
    public static final String RESOURCE = "/dev/breakeven/catalog/electricity-prices.json";

    /** The bundled file's shape. */
    record File(String notes, List<ElectricityPreset> presets) {
    }

    public static List<ElectricityPreset> bundled() {
        return List.copyOf(Json.resource(RESOURCE, File.class).presets());
    }

    @Override
    public String toString() {
        return name + " — $" + usdPerKwh + "/kWh";
    }
}
