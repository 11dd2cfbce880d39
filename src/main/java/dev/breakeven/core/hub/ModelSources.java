package dev.breakeven.core.hub;

import dev.breakeven.core.io.Json;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where to get a catalog model at a quant as GGUF ({@code catalog/model-sources.json}, dated, with its source):
 * the repository and file the Fit page's "Get this model" opens on the Models page.
 */
public final class ModelSources {
    static final String RESOURCE = "/dev/breakeven/catalog/model-sources.json";
    private static volatile ModelSources loaded;

    /** One model's publisher: {@code file} holds {QUANT} (as written, "Q4_K_M") or {quant} (lower case). */
    record Source(String model, String repo, String file, List<String> quants, String source) {
    }

    record File(String checked, String note, List<Source> sources) {
    }

    /** A file to get: the repository, the file in it, and where that mapping comes from. */
    public record Link(String repo, String file, String source, String checked) {
        /** {@code OWNER/REPO:FILE}, as {@code models pull} and {@code fit --hf} take it. */
        public String hfArgument() {
            return repo + ":" + file;
        }
    }

    private final File file;

    private ModelSources(File file) {
        this.file = file;
    }

    public static ModelSources load() {
        ModelSources sources = loaded;
        if (sources == null) {
            sources = new ModelSources(Json.resource(RESOURCE, File.class));
            loaded = sources;
        }
        return sources;
    }

    public String checked() {
        return file.checked();
    }

    /** The GGUF file for catalog model {@code modelId} at {@code quant}, when the data file lists one. */
    public Optional<Link> find(String modelId, String quant) {
        return file.sources().stream()
                .filter(s -> s.model().equals(modelId) && s.quants().contains(quant))
                .findFirst()
                .map(s -> new Link(s.repo(), s.file().replace("{QUANT}", quant)
                        .replace("{quant}", quant.toLowerCase(Locale.ROOT)), s.source(), file.checked()));
    }

    List<String> models() {
        return file.sources().stream().map(Source::model).toList();
    }
}
