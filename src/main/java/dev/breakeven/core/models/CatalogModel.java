package dev.breakeven.core.models;

/**
 * One open-weight model of the catalog: its architecture figures and where they come from.
 *
 * @param id              stable key used by the CLI ({@code --model}) and settings
 * @param tiedEmbeddings  the output projection reuses the token embedding matrix (no separate {@code output.weight})
 * @param maxContext      the longest context the model card supports (with rope scaling where the card says so)
 * @param source          URL of the config.json the figures were taken from
 * @param checked         ISO date the source was read
 */
public record CatalogModel(
        String id,
        String name,
        String family,
        String huggingFaceRepo,
        String licence,
        int maxContext,
        boolean tiedEmbeddings,
        ModelShape shape,
        String source,
        String checked,
        String notes) {

    public CatalogModel {
        if (id == null || id.isBlank() || shape == null) {
            throw new IllegalArgumentException("catalog model needs an id and a shape");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("catalog model '" + id + "' has no source");
        }
    }

    /** Parameters in the token embedding matrix ({@code vocab × hidden}). */
    public long embeddingParameters() {
        return (long) shape.vocabSize() * shape.embeddingLength();
    }

    /** Parameters of the separate output projection; 0 when tied to the embeddings. */
    public long outputParameters() {
        return tiedEmbeddings ? 0 : embeddingParameters();
    }
}
