package dev.breakeven.core.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * One llama-server the app knows: installed by it, in a folder the user picked, or on the PATH.
 *
 * @param problems what is wrong with it (missing files, no binary); empty when it looks usable
 */
public record RuntimeEntry(String id, Kind kind, String version, Backend backend, Path path, boolean current,
                           List<String> problems) {
    public enum Kind { INSTALLED, FOLDER, PATH }

    public RuntimeEntry {
        problems = List.copyOf(problems);
    }

    public boolean usable() {
        return problems.isEmpty();
    }
}
