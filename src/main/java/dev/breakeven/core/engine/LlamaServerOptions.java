package dev.breakeven.core.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The options one llama-server build knows, read from its {@code --help}, so a plan's flags are written the way
 * that build spells them instead of stopping it with "invalid argument". llama.cpp's command line moves: before
 * August 2025 {@code -fa} took no value, builds without {@code --n-cpu-moe} exist, and some newer builds replaced
 * {@code --no-mmap}/{@code --mlock} by {@code --load-mode none|mmap|mlock|mmap+mlock} (the shared test build does).
 * A build whose help cannot be read ({@link #unknown()}) gets the flags as they are.
 */
public final class LlamaServerOptions {
    private static final Map<String, LlamaServerOptions> CACHE = new ConcurrentHashMap<>();
    /** Options that take one value; every other planned flag is a switch. */
    private static final Set<String> WITH_VALUE = Set.of("-np", "-ngl", "--n-cpu-moe", "-fa", "-ctk", "-ctv", "-lv",
            "-t", "-c", "-m");

    private final Set<String> names;
    private final boolean flashAttentionTakesValue;
    private Optional<List<String>> devices = Optional.empty();

    private LlamaServerOptions(Set<String> names, boolean flashAttentionTakesValue) {
        this.names = Set.copyOf(names);
        this.flashAttentionTakesValue = flashAttentionTakesValue;
    }

    /** A build whose options are not known: every flag is passed as it is. */
    public static LlamaServerOptions unknown() {
        return new LlamaServerOptions(Set.of(), true);
    }

    /** The options in a {@code --help} text (each line that starts with a dash lists one option's spellings). */
    public static LlamaServerOptions parse(String help) {
        Set<String> names = new HashSet<>();
        boolean faValue = false;
        for (String line : help.lines().toList()) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("-")) {
                continue;
            }
            List<String> spellings = new ArrayList<>();
            for (String word : trimmed.split("[,\\s]+")) {
                if (!word.startsWith("-")) {
                    break; // the value's placeholder ("N", "[on|off|auto]") or the description begins
                }
                spellings.add(word);
            }
            names.addAll(spellings);
            if (spellings.contains("--flash-attn")) {
                faValue = trimmed.contains("[on|off");
            }
        }
        return new LlamaServerOptions(names, faValue);
    }

    /**
     * The options of the build at {@code server}, read once per file version (path, size, modification time);
     * {@link #unknown()} when its help cannot be read in 15 s.
     */
    public static LlamaServerOptions of(Path server) {
        String key;
        try {
            key = server.toAbsolutePath() + "|" + Files.size(server) + "|" + Files.getLastModifiedTime(server).toMillis();
        } catch (IOException e) {
            return unknown();
        }
        return CACHE.computeIfAbsent(key, k -> read(server));
    }

    private static LlamaServerOptions read(Path server) {
        Optional<String> help = output(server, "--help");
        if (help.isEmpty()) {
            return unknown();
        }
        LlamaServerOptions options = parse(help.get());
        if (!options.names.contains("--port")) {
            return unknown(); // not a llama-server help text
        }
        if (options.names.contains("--list-devices")) {
            options.devices = output(server, "--list-devices").map(LlamaServerOptions::parseDevices);
        }
        return options;
    }

    /** The device lines under "Available devices:" ({@code CUDA0: NVIDIA GeForce RTX 4090 (24080 MiB, …)}). */
    static List<String> parseDevices(String listing) {
        List<String> devices = new ArrayList<>();
        boolean inList = false;
        for (String line : listing.lines().toList()) {
            if (line.strip().startsWith("Available devices")) {
                inList = true;
            } else if (inList && line.startsWith("  ") && !line.strip().equals("(none)")
                    && line.strip().matches("[A-Za-z][\\w-]*\\d*: .*")) {
                devices.add(line.strip());
            } else if (inList && !line.startsWith("  ")) {
                inList = false;
            }
        }
        return List.copyOf(devices);
    }

    /** What {@code server arg} prints, or empty when it cannot be read in 15 s. */
    private static Optional<String> output(Path server, String arg) {
        try {
            Process process = new ProcessBuilder(server.toAbsolutePath().toString(), arg)
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            // read beside the wait: a program that never ends (a wrapper, a hung binary) must not hang a start
            java.util.concurrent.CompletableFuture<byte[]> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (InputStream in = process.getInputStream()) {
                    return in.readNBytes(1 << 20);
                } catch (IOException e) {
                    return new byte[0];
                }
            }, runnable -> Thread.ofVirtual().start(runnable));
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new String(output.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The GPUs and other devices this build can use, from {@code --list-devices}; empty list for a CPU build,
     * empty optional when the build does not say.
     */
    public Optional<List<String>> devices() {
        return devices;
    }

    public boolean known() {
        return !names.isEmpty();
    }

    public boolean knows(String option) {
        return !known() || names.contains(option);
    }

    /** Flags fitted to this build, and a line for each one changed or left out. */
    public record Fitted(List<String> args, List<String> notes) {
        public Fitted {
            args = List.copyOf(args);
            notes = List.copyOf(notes);
        }
    }

    /** {@code flags} written the way this build takes them; flags it does not know are left out with a note. */
    public Fitted fit(List<String> flags) {
        List<String> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean noMmap = false;
        boolean mlock = false;
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            Optional<String> value = WITH_VALUE.contains(flag) && i + 1 < flags.size()
                    ? Optional.of(flags.get(++i)) : Optional.empty();
            if (flag.equals("--no-mmap") || flag.equals("--mlock")) {
                noMmap |= flag.equals("--no-mmap");
                mlock |= flag.equals("--mlock");
                if (knows(flag)) {
                    out.add(flag);
                }
                continue;
            }
            if (!knows(flag)) {
                notes.add("this llama-server does not know " + flag + "; left out");
                continue;
            }
            if (flag.equals("-fa") && !flashAttentionTakesValue && value.isPresent()) {
                if (value.get().equals("on")) {
                    out.add(flag); // an older build: -fa alone turns it on, its absence is off
                }
                continue;
            }
            out.add(flag);
            value.ifPresent(out::add);
        }
        if ((noMmap && !knows("--no-mmap")) || (mlock && !knows("--mlock"))) {
            if (knows("--load-mode")) {
                String mode = noMmap && mlock ? "mlock" : noMmap ? "none" : "mmap+mlock";
                out.addAll(List.of("--load-mode", mode));
                notes.add("this llama-server spells " + (noMmap ? "--no-mmap" : "") + (noMmap && mlock ? " " : "")
                        + (mlock ? "--mlock" : "") + " as --load-mode " + mode);
            } else {
                notes.add("this llama-server knows neither --no-mmap/--mlock nor --load-mode; loading left as it is");
            }
        }
        return new Fitted(out, notes);
    }
}
