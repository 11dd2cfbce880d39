package dev.breakeven.core.gguf;

import dev.breakeven.core.io.Json;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which model architectures the embedded engine (java-llama.cpp 4.2.0, llama.cpp build b4916 of March 2025)
 * can load, from the data file {@code catalog/llamacpp-architectures.json}. Newer architectures (Qwen3,
 * Llama 4, gpt-oss, Gemma 3n, …) need an external, current llama.cpp server.
 */
public final class LlamaCppSupport {
    private static final String RESOURCE = "/dev/breakeven/catalog/llamacpp-architectures.json";

    /** The data file, with where its lists come from. */
    record Catalog(String engine, String llamaCppBuild, String llamaCppDate, String checked, List<String> sources,
                   String note, List<String> architectures, List<String> laterArchitectures) {
    }

    private static final Catalog CATALOG = load();
    private static final Set<String> SUPPORTED = Set.copyOf(CATALOG.architectures());
    private static final Set<String> LATER = Set.copyOf(CATALOG.laterArchitectures());

    private LlamaCppSupport() {
    }

    /** Whether the embedded llama.cpp knows {@code general.architecture} value {@code architecture}. */
    public static boolean embeddedSupports(String architecture) {
        return architecture != null && SUPPORTED.contains(architecture.toLowerCase(Locale.ROOT));
    }

    /** A sentence for the user when the embedded engine cannot load the architecture; empty when it can. */
    public static Optional<String> unsupportedReason(String architecture) {
        if (embeddedSupports(architecture)) {
            return Optional.empty();
        }
        String name = architecture == null || architecture.isBlank() ? "(none)" : architecture;
        String when = LATER.contains(name.toLowerCase(Locale.ROOT))
                ? " was added to llama.cpp after build " + CATALOG.llamaCppBuild()
                : " is not known to llama.cpp build " + CATALOG.llamaCppBuild();
        return Optional.of("architecture '" + name + "'" + when + ", the embedded engine; "
                + "run it with a current llama-server and connect to that instead");
    }

    /** The llama.cpp build of the embedded engine, e.g. {@code b4916}. */
    public static String embeddedBuild() {
        return CATALOG.llamaCppBuild();
    }

    /** Every architecture the embedded engine can load, in the order of llama.cpp's table. */
    public static List<String> embeddedArchitectures() {
        return CATALOG.architectures();
    }

    /** Architectures known to be newer than the embedded build. */
    public static List<String> laterArchitectures() {
        return CATALOG.laterArchitectures();
    }

    private static Catalog load() {
        Catalog catalog = Json.resource(RESOURCE, Catalog.class);
        if (catalog.architectures() == null || catalog.architectures().isEmpty()) {
            throw new IllegalStateException(RESOURCE + " lists no architectures");
        }
        return catalog;
    }
}
