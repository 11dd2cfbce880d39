package dev.breakeven.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The model architectures the bundled llama.cpp (b4916) can load, from the catalog file beside the other
 * catalogs. Newer ones (qwen3, llama4, gpt-oss, …) need the external engine with a current llama.cpp.
 */
public final class EmbeddedArchitectures {
    private static final String RESOURCE = "/dev/breakeven/catalog/llama-cpp-embedded-architectures.json";
    private static final EmbeddedArchitectures BUNDLED = load();

    private final Set<String> names;
    private final String engine;

    private EmbeddedArchitectures(Set<String> names, String engine) {
        this.names = Set.copyOf(names);
        this.engine = engine;
    }

    public static EmbeddedArchitectures bundled() {
        return BUNDLED;
    }

    public boolean supports(String architecture) {
        return names.contains(architecture);
    }

    public String engine() {
        return engine;
    }

    private static EmbeddedArchitectures load() {
        try (InputStream in = EmbeddedArchitectures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing catalog " + RESOURCE);
            }
            JsonNode root = Json.mapper().readTree(in);
            Set<String> names = new LinkedHashSet<>();
            root.path("architectures").forEach(n -> names.add(n.asText()));
            return new EmbeddedArchitectures(names, root.path("engine").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
