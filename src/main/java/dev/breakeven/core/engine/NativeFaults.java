package dev.breakeven.core.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Known native faults of a llama-server build on this CPU, remembered in a small JSON file so that later starts
 * avoid them from the outset. Today one fault: on some Xeon CPUs llama.cpp's AMX kernels crash at the first
 * token (ggml-org/llama.cpp#20824), which {@code --no-repack} (no AMX repacking of the weights) avoids.
 * A record is keyed by the binary's absolute path, size and modification time (a new build is tried afresh)
 * and by the CPU's name and AMX flags (a moved data folder on another machine is tried afresh too).
 */
public final class NativeFaults {
    /** llama-server's switch that keeps weights out of the CPU-specific (AMX) repacked layouts. */
    public static final String NO_REPACK = "--no-repack";
    private static final ObjectMapper MAPPER = Json.mapper();

    /** One remembered fault. {@code since} and {@code reason} are for the user reading the file. */
    public record Entry(String binary, long size, long modifiedMillis, String cpu, String reason, String since) {
    }

    /** The file's content. */
    public record Store(List<Entry> noRepack) {
        public Store {
            noRepack = noRepack == null ? List.of() : List.copyOf(noRepack);
        }
    }

    private final Path file;
    private final String cpu;

    public NativeFaults(Path file, String cpu) {
        this.file = file;
        this.cpu = cpu;
    }

    /** The faults file with this machine's CPU identity. */
    public static NativeFaults at(Path file) {
        return new NativeFaults(file, cpuIdentity());
    }

    public Path file() {
        return file;
    }

    /** Whether {@code binary} is known to need {@link #NO_REPACK} on this CPU. */
    public synchronized boolean needsNoRepack(Path binary) {
        Entry key = key(binary, "");
        return key != null && read().noRepack().stream().anyMatch(entry -> sameKey(entry, key));
    }

    /** Remembers that {@code binary} needs {@link #NO_REPACK} on this CPU; an unwritable file only loses that. */
    public synchronized void rememberNoRepack(Path binary, String reason) throws IOException {
        Entry key = key(binary, reason);
        if (key == null) {
            return;
        }
        List<Entry> entries = new ArrayList<>(read().noRepack());
        entries.removeIf(entry -> entry.binary().equals(key.binary())); // an older build's record is stale
        entries.add(key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Store(entries)));
    }

    private Entry key(Path binary, String reason) {
        try {
            Path absolute = binary.toAbsolutePath().normalize();
            return new Entry(absolute.toString(), Files.size(absolute),
                    Files.getLastModifiedTime(absolute).toMillis(), cpu, reason, Instant.now().toString());
        } catch (IOException e) {
            return null; // no binary, no record
        }
    }

    private static boolean sameKey(Entry a, Entry b) {
        return a.binary().equals(b.binary()) && a.size() == b.size() && a.modifiedMillis() == b.modifiedMillis()
                && a.cpu().equals(b.cpu());
    }

    private Store read() {
        if (!Files.isRegularFile(file)) {
            return new Store(List.of());
        }
        try {
            return MAPPER.readValue(file.toFile(), Store.class);
        } catch (IOException e) {
            return new Store(List.of()); // a damaged file only means the fault is found once more
        }
    }

    /**
     * The CPU as cheaply as it can be read: on Linux /proc/cpuinfo's model name and its AMX flags; elsewhere the
     * processor identifier the OS gives, else the architecture.
     */
    public static String cpuIdentity() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            String model = "";
            TreeSet<String> amx = new TreeSet<>();
            try (BufferedReader reader = Files.newBufferedReader(cpuinfo)) {
                for (String line; (line = reader.readLine()) != null && !line.isBlank(); ) { // first CPU only
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String name = line.substring(0, colon).trim();
                    String value = line.substring(colon + 1).trim();
                    if (name.equals("model name")) {
                        model = value;
                    } else if (name.equals("flags")) {
                        for (String flag : value.split("\\s+")) {
                            if (flag.startsWith("amx")) {
                                amx.add(flag);
                            }
                        }
                    }
                }
            } catch (IOException ignored) {
                // fall through to the architecture
            }
            if (!model.isEmpty()) {
                return model + (amx.isEmpty() ? "" : " [" + String.join(" ", amx) + "]");
            }
        }
        String identifier = System.getenv("PROCESSOR_IDENTIFIER");
        return identifier != null && !identifier.isBlank() ? identifier.trim()
                : System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
    }
}
