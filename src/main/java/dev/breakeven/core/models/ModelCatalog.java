package dev.breakeven.core.models;

import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The bundled catalog of open-weight models ({@code catalog/models.json}). */
public final class ModelCatalog {
    private static final String RESOURCE = "/dev/breakeven/catalog/models.json";

    record File(String checked, String note, List<CatalogModel> models) {
    }

    private final List<CatalogModel> models;

    private ModelCatalog(List<CatalogModel> models) {
        this.models = List.copyOf(models);
    }

    /** Loads the bundled catalog; a broken file is a build defect, so it fails loudly. */
    public static ModelCatalog load() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new ModelCatalog(Json.mapper().readValue(in, File.class).models());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public List<CatalogModel> models() {
        return models;
    }

    public Optional<CatalogModel> find(String id) {
        return models.stream().filter(m -> m.id().equalsIgnoreCase(id)).findFirst();
    }
}
