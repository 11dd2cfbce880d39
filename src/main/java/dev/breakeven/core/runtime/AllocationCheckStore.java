package dev.breakeven.core.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks of the planner against llama.cpp's allocation report, kept as calibration records in
 * {@code <data>/calibration/llamacpp-allocations.json}, newest last.
 */
public final class AllocationCheckStore {
    /** Old records beyond this many are dropped: enough to see a trend, not a growing file. */
    static final int KEEP = 500;
    private final Path file;

    public AllocationCheckStore(Path dataFolder) {
        this.file = dataFolder.resolve("calibration").resolve("llamacpp-allocations.json");
    }

    public Path file() {
        return file;
    }

    public synchronized List<AllocationCheck> all() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(file.toFile(), new TypeReference<List<AllocationCheck>>() { });
        } catch (IOException e) {
            return List.of(); // a damaged file loses old records, not the next check
        }
    }

    public synchronized void add(AllocationCheck check) throws IOException {
        List<AllocationCheck> all = new ArrayList<>(all());
        all.add(check);
        if (all.size() > KEEP) {
            all = new ArrayList<>(all.subList(all.size() - KEEP, all.size()));
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
    }

    /** The newest check of {@code gguf} at {@code contextSize}, if one was made. */
    public Optional<AllocationCheck> latest(Path gguf, int contextSize) {
        String key = gguf.toAbsolutePath().normalize().toString();
        List<AllocationCheck> all = all();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).file().equals(key) && all.get(i).contextSize() == contextSize) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }
}
