package dev.breakeven.core.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The model a new runtime is smoke-started on: the smallest GGUF in the given folders, up to 1 GiB so the test stays
 * a few seconds. Without one, the smoke test checks {@code --version} only and says so.
 */
public final class SmokeModels {
    static final long MAX_BYTES = 1L << 30;

    private SmokeModels() {
    }

    public static Optional<Path> smallest(List<Path> folders) {
        Path best = null;
        long bestSize = Long.MAX_VALUE;
        for (Path folder : folders) {
            if (folder == null || !Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder, 3)) {
                for (Path p : files.filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gguf"))
                        .sorted(Comparator.naturalOrder()).toList()) {
                    long size = Files.isRegularFile(p) ? Files.size(p) : Long.MAX_VALUE;
                    if (size > 0 && size <= MAX_BYTES && size < bestSize) {
                        best = p;
                        bestSize = size;
                    }
                }
            } catch (IOException e) {
                // An unreadable folder offers no model.
            }
        }
        return Optional.ofNullable(best);
    }
}
