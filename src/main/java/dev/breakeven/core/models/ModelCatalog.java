package dev.breakeven.core.models;

import dev.breakeven.core.io.Json;

import java.util.List;
import java.util.Optional;

/** The bundled catalog of open-weight models ({@code catalog/models.json}). */
public final class ModelCatalog {
    private static final String RESOURCE = "/dev/breakeven/catalog/models.json";

    record File(String checked, String note, List<CatalogModel> models) {
    }

    private final List<CatalogModel> models;

    private static volatile ModelCatalog bundled;

    private ModelCatalog(List<CatalogModel> models) {
        this.models = List.copyOf(models);
    }

    /** Loads the bundled catalog; a broken file is a build defect, so it fails loudly. */
    public static ModelCatalog load() {
        ModelCatalog catalog = bundled;
        if (catalog == null) {
            // Immutable and the same every time: read once. Two threads racing here read the same file twice, harmlessly.
            catalog = new ModelCatalog(Json.resource(RESOURCE, File.class).models());
            bundled = catalog;
        }
        return catalog;
    }

    public List<CatalogModel> models() {
        return models;
    }

    public Optional<CatalogModel> find(String id) {
        return models.stream().filter(m -> m.id().equalsIgnoreCase(id)).findFirst();
    }
}
