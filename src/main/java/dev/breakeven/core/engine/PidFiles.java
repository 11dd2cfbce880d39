package dev.breakeven.core.engine;

import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One small JSON file per engine process the app started ({@code engine-PID.json} in the run folder), so that an
 * app that crashed or was killed leaves a trace: the next start finds engines whose owner is gone and stops them.
 * A pid alone is not trusted (pids are reused): the process must still run the recorded command and have
 * started at the recorded instant, and its owning app must no longer be running.
 */
public final class PidFiles {
    private final Path folder;

    /** What is recorded for one engine process; start times are epoch milliseconds, null where the OS does not say. */
    public record Entry(long pid, String command, Long startedMillis, long ownerPid, Long ownerStartedMillis) {
    }

    public PidFiles(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    Path fileOf(long pid) {
        return folder.resolve("engine-" + pid + ".json");
    }

    /** Records a process this app just started. */
    public Path write(ProcessHandle process) throws IOException {
        ProcessHandle owner = ProcessHandle.current();
        Entry entry = new Entry(process.pid(), process.info().command().orElse(""),
                startMillis(process), owner.pid(), startMillis(owner));
        Files.createDirectories(folder);
        Path file = fileOf(process.pid());
        AtomicFiles.write(file, Json.mapper().writeValueAsBytes(entry));
        return file;
    }

    public void delete(long pid) {
        try {
            Files.deleteIfExists(fileOf(pid));
        } catch (IOException ignored) {
            // a stale pid file is harmless: the next start sees the process gone and removes it
        }
    }

    /** Every recorded entry; unreadable files are removed. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "engine-*.json")) {
            for (Path file : files) {
                try {
                    entries.add(Json.mapper().readValue(file.toFile(), Entry.class));
                } catch (IOException e) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException ignored) {
            // an unreadable run folder means no orphans can be found; starting engines still works
        }
        return entries;
    }

    /** The live process an entry describes, if it is still that process and its owning app is gone. */
    public static Optional<ProcessHandle> orphan(Entry entry) {
        if (entry.ownerPid() == ProcessHandle.current().pid() || isAlive(entry.ownerPid(), null, entry.ownerStartedMillis())) {
            return Optional.empty();
        }
        return ProcessHandle.of(entry.pid()).filter(p -> matches(p, entry.command(), entry.startedMillis()));
    }

    static Long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(null);
    }

    private static boolean isAlive(long pid, String command, Long started) {
        return ProcessHandle.of(pid).filter(p -> matches(p, command, started)).isPresent();
    }

    private static boolean matches(ProcessHandle process, String command, Long started) {
        if (!process.isAlive()) {
            return false;
        }
        if (command != null && !command.isEmpty()
                && !process.info().command().map(command::equals).orElse(false)) {
            return false;
        }
        // the OS reports start times rounded differently across calls; a pid reused later starts much later
        return started == null || process.info().startInstant()
                .map(s -> Math.abs(s.toEpochMilli() - started) < 2_000).orElse(true);
    }
}
