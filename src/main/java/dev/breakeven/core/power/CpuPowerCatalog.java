package dev.breakeven.core.power;

import dev.breakeven.core.io.Json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The CPUs in {@code catalog/cpu-power.json}, matched to the name OSHI (or /proc/cpuinfo) reports, as the GPU
 * catalog is: an entry matches when every word of its name (or an alias) is among the detected name's words, it has
 * a model number, and the detected name has no variant word the entry lacks ("M2 Max" is not an "M2"); the entry
 * with most words wins. Unmatched CPUs get a class figure (desktop, laptop, server or Apple) that says so.
 */
public final class CpuPowerCatalog {
    private static final String RESOURCE = "/dev/breakeven/catalog/cpu-power.json";
    private static final Set<String> VARIANT_WORDS = Set.of("pro", "max", "ultra", "max+");
    /** Marketing and packaging words that name no model. */
    private static final Set<String> NOISE = Set.of("processor", "cpu", "with", "w", "radeon", "graphics", "amd", "intel");
    private static final Set<String> SERVER_WORDS = Set.of("epyc", "xeon", "threadripper");
    private static volatile CpuPowerCatalog bundled;

    private final List<CpuPowerSpec> cpus;
    private final ClassFigures classFigures;
    private final String checked;

    public CpuPowerCatalog(List<CpuPowerSpec> cpus, ClassFigures classFigures, String checked) {
        this.cpus = List.copyOf(cpus);
        this.classFigures = classFigures;
        this.checked = checked;
    }

    /** The catalog shipped with the app, read once. */
    public static CpuPowerCatalog load() {
        CpuPowerCatalog catalog = bundled;
        if (catalog == null) {
            CatalogFile file = Json.resource(RESOURCE, CatalogFile.class);
            catalog = new CpuPowerCatalog(file.cpus(), file.classFigures(), file.checked());
            bundled = catalog;
        }
        return catalog;
    }

    public List<CpuPowerSpec> all() {
        return cpus;
    }

    /** The date the catalog's figures were last checked. */
    public String checked() {
        return checked;
    }

    public Optional<CpuPowerSpec> match(String detectedName) {
        if (detectedName == null) {
            return Optional.empty();
        }
        List<String> detected = words(detectedName);
        Set<String> detectedSet = new HashSet<>(detected);
        CpuPowerSpec best = null;
        int bestScore = 0;
        for (CpuPowerSpec cpu : cpus) {
            List<String> names = new ArrayList<>(cpu.aliases());
            names.add(cpu.name());
            for (String candidate : names) {
                List<String> entry = words(candidate);
                boolean matches = !entry.isEmpty() && detectedSet.containsAll(entry)
                        && entry.stream().anyMatch(w -> w.chars().anyMatch(Character::isDigit))
                        && detected.stream().filter(w -> !entry.contains(w)).noneMatch(VARIANT_WORDS::contains);
                if (matches && entry.size() > bestScore) {
                    best = cpu;
                    bestScore = entry.size();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The estimate basis for a CPU: the catalog entry's load figure, scaled to the cores this machine sees when it
     * sees fewer than the package has (a cloud VM holds a share of a server CPU), or the class figure when the CPU is
     * not in the catalog.
     *
     * @param visibleCores physical cores this OS sees (logical where physical is unknown)
     */
    public EstimateBasis basisFor(String detectedName, int visibleCores) {
        String device = detectedName == null || detectedName.isBlank() ? "this CPU" : detectedName.strip();
        int seen = Math.max(1, visibleCores);
        Optional<CpuPowerSpec> match = match(detectedName);
        if (match.isPresent()) {
            CpuPowerSpec cpu = match.get();
            CpuPowerSpec.Figure figure = cpu.loadFigure();
            String shortName = cpu.name();
            if (cpu.cores() > 0 && seen < cpu.cores()) {
                double share = (double) seen / cpu.cores();
                return EstimateBasis.of(device, figure.watts() * share, "catalog " + cpu.id() + " (" + cpu.source() + ")",
                        String.format(Locale.ROOT, "%s %s × %d/%d cores", shortName, figure.text(), seen, cpu.cores()));
            }
            return EstimateBasis.of(device, figure.watts(), "catalog " + cpu.id() + " (" + cpu.source() + ")",
                    shortName + " " + figure.text());
        }
        return classBasis(device, seen);
    }

    private EstimateBasis classBasis(String device, int cores) {
        List<String> words = words(device);
        String quoted = "no catalog entry for \"" + device + "\"";
        String source = "class figure, " + classFigures.source();
        if (words.stream().anyMatch(SERVER_WORDS::contains)) {
            double watts = cores * classFigures.serverWattsPerCore();
            return EstimateBasis.of(device, watts, source, String.format(Locale.ROOT,
                    "server-class CPU %d cores × %.0f W (%s)", cores, classFigures.serverWattsPerCore(), quoted));
        }
        if (words.contains("apple")) {
            return EstimateBasis.of(device, classFigures.appleWatts(), source, String.format(Locale.ROOT,
                    "Apple-class chip %.0f W (%s)", classFigures.appleWatts(), quoted));
        }
        if (looksLikeLaptop(words)) {
            return EstimateBasis.of(device, classFigures.laptopWatts(), source, String.format(Locale.ROOT,
                    "laptop-class CPU %.0f W (%s)", classFigures.laptopWatts(), quoted));
        }
        double watts = cores <= 8 ? classFigures.desktopWattsUpTo8Cores() : classFigures.desktopWattsAbove8Cores();
        return EstimateBasis.of(device, watts, source, String.format(Locale.ROOT,
                "desktop-class CPU %d cores %.0f W (%s)", cores, watts, quoted));
    }

    /** Intel and AMD mobile model suffixes (U, H, HS, HX, P, V, G7) and the Ryzen AI line. */
    private static boolean looksLikeLaptop(List<String> words) {
        if (words.contains("mobile") || (words.contains("ryzen") && words.contains("ai"))) {
            return true;
        }
        return words.stream().anyMatch(w -> w.matches("\\d{3,5}(u|h|hs|hx|p|v|g\\d)"));
    }

    /** Lower-case model words: trademarks, clock speeds, "16-Core" and packaging words removed. */
    static List<String> words(String name) {
        String s = name.toLowerCase(Locale.ROOT)
                .replace("(r)", " ").replace("(tm)", " ").replace("®", " ").replace("™", " ")
                .replaceAll("@\\s*[0-9.]+\\s*[gm]hz", " ")
                .replaceAll("\\b\\d+-cores?\\b", " ")
                .replaceAll("\\b\\d+(st|nd|rd|th) gen\\b", " ");
        return Arrays.stream(s.split("[^a-z0-9+]+")).filter(w -> !w.isBlank()).filter(w -> !NOISE.contains(w))
                .toList();
    }

    /** Per-class fallback figures, from the catalog's own entries. */
    public record ClassFigures(String source, double desktopWattsUpTo8Cores, double desktopWattsAbove8Cores,
                               double laptopWatts, double serverWattsPerCore, double appleWatts) {
    }

    record CatalogFile(String about, String checked, ClassFigures classFigures, List<CpuPowerSpec> cpus) {
    }

    /** Entries sorted by name, for listings. */
    public List<CpuPowerSpec> sortedByName() {
        return cpus.stream().sorted(Comparator.comparing(CpuPowerSpec::name)).toList();
    }
}
