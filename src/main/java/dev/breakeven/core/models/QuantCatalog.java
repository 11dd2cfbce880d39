package dev.breakeven.core.models;

import dev.breakeven.core.io.Json;

import java.util.List;
import java.util.Optional;

/** The bundled quantization presets ({@code catalog/quants.json}), in the file's order (smallest first). */
public final class QuantCatalog {
    private static final String RESOURCE = "/dev/breakeven/catalog/quants.json";

    record File(String checked, String note, List<Quant> quants) {
    }

    private final List<Quant> quants;

    private static volatile QuantCatalog bundled;

    private QuantCatalog(List<Quant> quants) {
        this.quants = List.copyOf(quants);
    }

    public static QuantCatalog load() {
        QuantCatalog catalog = bundled;
        if (catalog == null) {
            // Immutable and the same every time: read once. Two threads racing here read the same file twice, harmlessly.
            catalog = new QuantCatalog(Json.resource(RESOURCE, File.class).quants());
            bundled = catalog;
        }
        return catalog;
    }

    public List<Quant> quants() {
        return quants;
    }

    public Optional<Quant> find(String id) {
        return quants.stream().filter(q -> q.id().equalsIgnoreCase(id)).findFirst();
    }
}
