package dev.breakeven.core.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** A region's electricity price, with the statistic it comes from. */
public record ElectricityPreset(String id, String name, double usdPerKwh, String note, String checked, String source) {
    public static final String RESOURCE = "/dev/breakeven/catalog/electricity-prices.json";

    /** The bundled file's shape. */
    record File(String notes, List<ElectricityPreset> presets) {
    }

    public static List<ElectricityPreset> bundled() {
        try (InputStream in = ElectricityPreset.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            ObjectMapper mapper = Json.mapper();
            return List.copyOf(mapper.readValue(in, File.class).presets());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the electricity presets", e);
        }
    }

    @Override
    public String toString() {
        return name + " — $" + usdPerKwh + "/kWh";
    }
}
