package dev.breakeven.core.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.hardware.ToolRunner;
import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runtimes under the app's data folder: {@code runtimes/installed/<id>/} (each with its {@code runtime.json}),
 * {@code runtimes/downloads/} (archives and {@code .part} files to resume), and {@code runtimes/state.json}
 * (the current runtime, the one before it for a rollback, and the folders the user added).
 */
public final class RuntimeStore {
    static final String MANIFEST = "runtime.json";
    private static final ObjectMapper MAPPER = Json.mapper();

    /** Runs {@code llama-server --version} for runtimes the app did not install. */
    public interface VersionProbe {
        Optional<ServerVersion> probe(Path server);
    }

    record State(String current, String previous, List<String> folders) {
        State {
            folders = folders == null ? List.of() : List.copyOf(folders);
        }
    }

    private final Path root;
    private final Platform platform;

    private final ToolRunner path;

    public RuntimeStore(Path dataDir, Platform platform) {
        this(dataDir, platform, ToolRunner.system());
    }

    /** @param path finds {@code llama-server} on the search path (the process's PATH outside tests) */
    public RuntimeStore(Path dataDir, Platform platform, ToolRunner path) {
        this.root = dataDir.resolve("runtimes");
        this.platform = platform;
        this.path = path;
    }

    public Path root() {
        return root;
    }

    public Path downloads() {
        return root.resolve("downloads");
    }

    Path installed() {
        return root.resolve("installed");
    }

    public Path folderOf(String id) {
        return installed().resolve(id);
    }

    public Platform platform() {
        return platform;
    }

    public synchronized Optional<String> currentId() {
        return Optional.ofNullable(state().current());
    }

    public synchronized Optional<RuntimeManifest> manifest(String id) {
        if (!RuntimeIds.valid(id)) {
            return Optional.empty();
        }
        Path file = folderOf(id).resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(file.toFile(), RuntimeManifest.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The installed runtimes, newest install first. */
    public synchronized List<RuntimeManifest> installedManifests() {
        if (!Files.isDirectory(installed())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(installed())) {
            return dirs.map(d -> manifest(d.getFileName().toString())).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(RuntimeManifest::installedAt).reversed()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** What is wrong with an installed runtime: a missing server or a file gone or changed since the install. */
    public List<String> problems(RuntimeManifest m) {
        List<String> problems = new ArrayList<>();
        Path dir = folderOf(m.id());
        Path server = dir.resolve(m.server());
        if (!Files.isRegularFile(server)) {
            problems.add("llama-server is missing (" + server + ")");
        } else if (!Files.isExecutable(server)) {
            problems.add("llama-server is not executable (" + server + ")");
        }
        List<String> missing = new ArrayList<>();
        m.files().forEach((file, size) -> {
            Path p = dir.resolve(file);
            try {
                if (!Files.exists(p) || Files.isRegularFile(p) && Files.size(p) != size) {
                    missing.add(file);
                }
            } catch (IOException e) {
                missing.add(file);
            }
        });
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " file(s) missing or changed since the install: "
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? " …" : "") + " (reinstall or remove it)");
        }
        return problems;
    }

    /** Installed runtimes, folders the user added and {@code llama-server} on the PATH, current first. */
    public synchronized List<RuntimeEntry> list(VersionProbe probe) {
        State state = state();
        List<RuntimeEntry> out = new ArrayList<>();
        for (RuntimeManifest m : installedManifests()) {
            out.add(new RuntimeEntry(m.id(), RuntimeEntry.Kind.INSTALLED, m.version(), m.backend(),
                    folderOf(m.id()).resolve(m.server()), m.id().equals(state.current()), problems(m)));
        }
        for (String folder : state.folders()) {
            out.add(found(folderId(Path.of(folder)), RuntimeEntry.Kind.FOLDER, Path.of(folder), state, probe));
        }
        pathServer().ifPresent(server -> out.add(found("path", RuntimeEntry.Kind.PATH, server.getParent(), state, probe)));
        out.sort(Comparator.comparing((RuntimeEntry e) -> !e.current()));
        return out;
    }

    private RuntimeEntry found(String id, RuntimeEntry.Kind kind, Path folder, State state, VersionProbe probe) {
        Optional<Path> server;
        try {
            server = Files.isRegularFile(folder.resolve(platform.serverFileName()))
                    ? Optional.of(folder.resolve(platform.serverFileName())) : ServerFiles.findServer(folder, platform);
        } catch (IOException e) {
            server = Optional.empty();
        }
        if (server.isEmpty()) {
            return new RuntimeEntry(id, kind, "?", Backend.CPU, folder, id.equals(state.current()),
                    List.of("no " + platform.serverFileName() + " in " + folder));
        }
        Optional<ServerVersion> version = probe.probe(server.get());
        return new RuntimeEntry(id, kind, version.map(ServerVersion::version).orElse("?"),
                ServerFiles.backendOf(server.get().getParent(), platform), server.get(), id.equals(state.current()),
                version.isPresent() ? List.of() : List.of(server.get() + " --version printed no version"));
    }

    /** {@code llama-server} on the PATH (Homebrew, winget, distribution packages), if any. */
    public Optional<Path> pathServer() {
        return path.locate("llama-server").map(Path::toAbsolutePath);
    }

    static String folderId(Path folder) {
        String name = folder.getFileName() == null ? "folder" : folder.getFileName().toString();
        return RuntimeIds.sanitize("folder-" + name + "-" + Integer.toHexString(folder.toAbsolutePath().normalize()
                .toString().hashCode() & 0xffff));
    }

    /** Adds a folder holding a llama-server the app did not install; returns its id. */
    public synchronized String addFolder(Path folder) throws IOException {
        Path abs = folder.toAbsolutePath().normalize();
        if (ServerFiles.findServer(abs, platform).isEmpty()) {
            throw new IOException("no " + platform.serverFileName() + " in " + abs);
        }
        State s = state();
        List<String> folders = new ArrayList<>(s.folders());
        if (!folders.contains(abs.toString())) {
            folders.add(abs.toString());
        }
        save(new State(s.current(), s.previous(), folders));
        return folderId(abs);
    }

    /** The server binary of a runtime by id (installed, folder or "path"). */
    public synchronized Optional<Path> serverOf(String id) {
        Optional<RuntimeManifest> m = manifest(id);
        if (m.isPresent()) {
            return Optional.of(folderOf(id).resolve(m.get().server()));
        }
        if (id.equals("path")) {
            return pathServer();
        }
        for (String folder : state().folders()) {
            if (folderId(Path.of(folder)).equals(id)) {
                try {
                    return ServerFiles.findServer(Path.of(folder), platform);
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The current runtime's server, for the engine supervisor to start. */
    public synchronized Optional<Path> currentServer() {
        return currentId().flatMap(this::serverOf);
    }

    /** Makes a known, intact runtime current; the one it replaces is kept for a rollback. */
    public synchronized void use(String id) throws IOException {
        Optional<Path> server = serverOf(id);
        if (server.isEmpty()) {
            throw new IOException("no runtime '" + id + "' (see 'breakeven runtime list')");
        }
        Optional<RuntimeManifest> m = manifest(id);
        if (m.isPresent() && !problems(m.get()).isEmpty()) {
            throw new IOException("runtime " + id + " is damaged: " + String.join("; ", problems(m.get())));
        }
        State s = state();
        if (!id.equals(s.current())) {
            save(new State(id, s.current(), s.folders()));
        }
    }

    /** Goes back to the runtime that was current before. */
    public synchronized String rollback() throws IOException {
        State s = state();
        if (s.previous() == null) {
            throw new IOException("there is no earlier runtime to go back to");
        }
        String previous = s.previous();
        use(previous);
        return previous;
    }

    /**
     * Deletes an installed runtime or forgets a folder. Removing the current one makes the previous one current
     * again when it is still there.
     */
    public synchronized void remove(String id) throws IOException {
        State s = state();
        boolean installed = manifest(id).isPresent() || RuntimeIds.valid(id) && Files.isDirectory(folderOf(id));
        List<String> folders = new ArrayList<>(s.folders());
        boolean folder = folders.removeIf(f -> folderId(Path.of(f)).equals(id));
        if (!installed && !folder) {
            throw new IOException("no installed runtime or added folder '" + id + "'"
                    + (id.equals("path") ? " (the PATH one is not the app's to remove)" : ""));
        }
        if (installed) {
            deleteTree(folderOf(id));
        }
        String current = id.equals(s.current()) ? (s.previous() != null && !s.previous().equals(id)
                && serverOf(s.previous()).isPresent() ? s.previous() : null) : s.current();
        String previous = id.equals(s.previous()) || (current != null && current.equals(s.previous())) ? null : s.previous();
        save(new State(current, previous, folders));
    }

    /** Moves a smoke-tested staging folder into place and makes it current. */
    synchronized void commit(Path staging, RuntimeManifest manifest) throws IOException {
        Path target = folderOf(manifest.id());
        Files.createDirectories(installed());
        if (Files.exists(target)) {
            deleteTree(target);
        }
        Files.move(staging, target);
        AtomicFiles.write(target.resolve(MANIFEST), MAPPER.writeValueAsBytes(manifest));
        State s = state();
        save(new State(manifest.id(), manifest.id().equals(s.current()) ? s.previous() : s.current(), s.folders()));
    }

    /** Every regular file under a folder, relative path → size. */
    static Map<String, Long> inventory(Path dir) throws IOException {
        Map<String, Long> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    files.put(dir.relativize(p).toString().replace('\\', '/'), Files.size(p));
                }
            }
        }
        return files;
    }

    private State state() {
        Path file = root.resolve("state.json");
        if (Files.isRegularFile(file)) {
            try {
                return MAPPER.readValue(file.toFile(), State.class);
            } catch (IOException e) {
                // A broken state file: start from nothing rather than refuse to work; the runtimes are still there.
            }
        }
        return new State(null, null, List.of());
    }

    private void save(State state) throws IOException {
        Files.createDirectories(root);
        AtomicFiles.write(root.resolve("state.json"), MAPPER.writeValueAsBytes(state));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
