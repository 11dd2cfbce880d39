package dev.breakeven.core.engine;

import java.util.List;
import java.util.Optional;

/**
 * Which engines can run one model file, and the one to use: the user's choice for this model when it can run,
 * else the best available. {@code problem} says why nothing can run it and what to install, when that is so.
 */
public record EngineChoice(String architecture, List<Option> options, Optional<EngineKind> chosen, boolean override,
                           String problem) {

    /** One engine for this model: whether it can run it, and if not, why. */
    public record Option(EngineKind kind, boolean canRun, String reason) {
    }

    public EngineChoice {
        options = List.copyOf(options);
        problem = problem == null ? "" : problem;
    }

    public Optional<Option> option(EngineKind kind) {
        return options.stream().filter(o -> o.kind() == kind).findFirst();
    }

    /** "runtime", "builtin (your choice)", or "none: <why>" for lists and pickers. */
    public String describe() {
        return chosen.map(k -> k.wireName() + (override ? " (your choice)" : "")).orElse("none: " + problem);
    }
}
