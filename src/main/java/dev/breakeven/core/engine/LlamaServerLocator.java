package dev.breakeven.core.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a llama.cpp {@code llama-server} binary for the {@link EngineKind#RUNTIME} engine. The runtime manager
 * (installed runtimes) implements this too; {@link #configured()} covers a binary the user points at with
 * {@code -Dbreakeven.llama-server=PATH} or {@code BREAKEVEN_LLAMA_SERVER} (a file or its folder), then
 * the {@code PATH}.
 */
@FunctionalInterface
public interface LlamaServerLocator {
    String PROPERTY = "breakeven.llama-server";
    String ENVIRONMENT = "BREAKEVEN_LLAMA_SERVER";

    /** The binary to run, if one is available. */
    Optional<Path> find();

    /** Nothing found, ever (for tests and machines without a runtime). */
    static LlamaServerLocator none() {
        return Optional::empty;
    }

    /** A fixed binary or folder. */
    static LlamaServerLocator at(Path fileOrFolder) {
        return () -> binaryIn(fileOrFolder);
    }

    /** The property, then the environment variable, then each folder of {@code PATH}. */
    static LlamaServerLocator configured() {
        return firstOf(explicit(), onPath());
    }

    /**
     * What the user asked for wins ({@code -Dbreakeven.llama-server} or {@code BREAKEVEN_LLAMA_SERVER}), then the
     * runtime the app installed and made current, then a {@code llama-server} on the {@code PATH}.
     */
    static LlamaServerLocator preferring(LlamaServerLocator installed) {
        return firstOf(explicit(), installed, onPath());
    }

    /** The first locator that finds a binary. */
    static LlamaServerLocator firstOf(LlamaServerLocator... locators) {
        return () -> {
            for (LlamaServerLocator locator : locators) {
                Optional<Path> found = locator.find();
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        };
    }

    /** The property, then the environment variable. */
    static LlamaServerLocator explicit() {
        return () -> {
            List<Path> candidates = new ArrayList<>();
            String property = System.getProperty(PROPERTY);
            if (property != null && !property.isBlank()) {
                candidates.add(Path.of(property.strip()));
            }
            String env = System.getenv(ENVIRONMENT);
            if (env != null && !env.isBlank()) {
                candidates.add(Path.of(env.strip()));
            }
            return firstIn(candidates);
        };
    }

    /** Each folder of {@code PATH} (Homebrew, winget, distribution packages). */
    static LlamaServerLocator onPath() {
        return () -> {
            List<Path> candidates = new ArrayList<>();
            String path = System.getenv("PATH");
            if (path != null) {
                for (String folder : path.split(java.io.File.pathSeparator)) {
                    if (!folder.isBlank()) {
                        candidates.add(Path.of(folder));
                    }
                }
            }
            return firstIn(candidates);
        };
    }

    private static Optional<Path> firstIn(List<Path> candidates) {
        for (Path candidate : candidates) {
            Optional<Path> found = binaryIn(candidate);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> binaryIn(Path fileOrFolder) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        Path file = Files.isDirectory(fileOrFolder)
                ? fileOrFolder.resolve(windows ? "llama-server.exe" : "llama-server") : fileOrFolder;
        return Files.isRegularFile(file) && Files.isExecutable(file) ? Optional.of(file.toAbsolutePath())
                : Optional.empty();
    }
}
