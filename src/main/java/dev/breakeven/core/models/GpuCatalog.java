package dev.breakeven.core.models;

import dev.breakeven.core.io.Json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The GPUs and chips in {@code catalog/gpus.json}, with name matching for what drivers report.
 * Matching: a name matches an entry when every significant word of the entry's name (or an alias) is in
 * the detected name; the entry with the most such words wins ("4060 Ti" beats "4060", "7900 XTX" beats
 * nothing else since "xt" ≠ "xtx"); ties, such as a 4060 Ti with 8 or 16 GB, go to the VRAM nearest the detected one.
 */
public final class GpuCatalog {
    private static final String RESOURCE = "/dev/breakeven/catalog/gpus.json";
    private static final long GIB = 1024L * 1024L * 1024L;

    private static final java.util.Set<String> VARIANT_WORDS = java.util.Set.of("ti", "super", "xt", "xtx", "gre",
            "max", "pro", "ultra", "laptop", "mobile", "nvl", "plus", "max+");

    private final List<CatalogGpu> gpus;

    private static volatile GpuCatalog bundled;

    public GpuCatalog(List<CatalogGpu> gpus) {
        this.gpus = List.copyOf(gpus);
    }

    /** The catalog shipped with the app. */
    public static GpuCatalog load() {
        GpuCatalog catalog = bundled;
        if (catalog == null) {
            // Immutable and the same every time: read once. Two threads racing here read the same file twice, harmlessly.
            catalog = new GpuCatalog(Json.resource(RESOURCE, CatalogFile.class).gpus());
            bundled = catalog;
        }
        return catalog;
    }

    public List<CatalogGpu> all() {
        return gpus;
    }

    public Optional<CatalogGpu> byId(String id) {
        return gpus.stream().filter(g -> g.id().equalsIgnoreCase(id)).findFirst();
    }

    /** Best entry for a detected name, without VRAM to separate variants (the first listed wins a tie). */
    public Optional<CatalogGpu> match(String detectedName) {
        return match(detectedName, null);
    }

    /** Best entry for a detected name; {@code vramBytes} (may be null) picks among equally good matches. */
    public Optional<CatalogGpu> match(String detectedName, Long vramBytes) {
        List<String> detected = GpuNames.words(detectedName);
        if (detected.isEmpty()) {
            return Optional.empty();
        }
        String joined = String.join(" ", detected);
        // lspci-style names list a chip's variants ("7900 XT/7900 XTX/7900 GRE"); VRAM must decide then.
        boolean listsAlternatives = detectedName.contains("/");
        List<Scored> scored = new ArrayList<>();
        for (CatalogGpu gpu : gpus) {
            int best = -1;
            for (String candidate : namesOf(gpu)) {
                List<String> words = GpuNames.words(candidate);
                if (words.isEmpty()) {
                    continue;
                }
                if (String.join(" ", words).equals(joined)) {
                    best = Math.max(best, 1000 + words.size()); // exact beats containment
                } else if (new HashSet<>(detected).containsAll(words) && hasModelNumber(words)
                        && (listsAlternatives || noOtherVariant(detected, words))) {
                    best = Math.max(best, words.size());
                }
            }
            if (best >= 0) {
                scored.add(new Scored(gpu, best));
            }
        }
        Comparator<Scored> byScore = Comparator.comparingInt(Scored::score).reversed();
        Comparator<Scored> byVram = Comparator.comparingDouble(s -> vramBytes == null ? 0
                : Math.abs(s.gpu().vramGiB() - vramBytes / (double) GIB));
        return scored.stream().sorted(byScore.thenComparing(byVram)).map(Scored::gpu).findFirst();
    }

    /** A catalog id or a name: what a user types on the command line or picks in a list. */
    public Optional<CatalogGpu> find(String nameOrId) {
        if (nameOrId == null || nameOrId.isBlank()) {
            return Optional.empty();
        }
        Optional<CatalogGpu> byId = byId(nameOrId.strip());
        if (byId.isPresent()) {
            return byId;
        }
        String lower = nameOrId.strip().toLowerCase(Locale.ROOT);
        return gpus.stream().filter(g -> g.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst()
                .or(() -> match(nameOrId));
    }

    private static List<String> namesOf(CatalogGpu gpu) {
        List<String> names = new ArrayList<>();
        names.add(gpu.name());
        names.addAll(gpu.aliases());
        return names;
    }

    /** "RTX" alone must not match every RTX card: an entry needs a word with a digit in it. */
    private static boolean hasModelNumber(List<String> words) {
        return words.stream().anyMatch(w -> w.chars().anyMatch(Character::isDigit));
    }

    /** "RTX 3060 Ti" is not an "RTX 3060", nor "M4 Max" an "M4", nor a laptop 4090 a desktop one. */
    private static boolean noOtherVariant(List<String> detected, List<String> entry) {
        return detected.stream().filter(w -> !entry.contains(w)).noneMatch(VARIANT_WORDS::contains);
    }

    private record Scored(CatalogGpu gpu, int score) {
    }

    /** The file's shape: a description and the entries. */
    record CatalogFile(String about, List<CatalogGpu> gpus) {
    }
}
