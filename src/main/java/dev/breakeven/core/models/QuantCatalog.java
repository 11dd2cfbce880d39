package dev.breakeven.core.models;

import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The bundled quantization presets ({@code catalog/quants.json}), in the file's order (smallest first). */
public final class QuantCatalog {
    private static final String RESOURCE = "/dev/breakeven/catalog/quants.json";

    record File(String checked, String note, List<Quant> quants) {
    }

    private final List<Quant> quants;

    private QuantCatalog(List<Quant> quants) {
        this.quants = List.copyOf(quants);
    }

    public static QuantCatalog load() {
        try (InputStream in = QuantCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new QuantCatalog(Json.mapper().readValue(in, File.class).quants());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public List<Quant> quants() {
        return quants;
    }

    public Optional<Quant> find(String id) {
        return quants.stream().filter(q -> q.id().equalsIgnoreCase(id)).findFirst();
    }
}
