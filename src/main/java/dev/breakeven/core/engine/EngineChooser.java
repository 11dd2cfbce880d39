package dev.breakeven.core.engine;

import dev.breakeven.core.gguf.GgufReadOptions;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.gguf.LlamaCppSupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the engine for a model from its GGUF architecture. The built-in host runs what its bundled llama.cpp
 * knows (the data file behind {@link LlamaCppSupport}); a llama-server runtime, when one is found, runs current
 * architectures and GPU backends, so it is preferred; an external server runs whatever it was given, when the
 * user configured one. A per-model choice of the user wins when that engine can run the file.
 */
public final class EngineChooser {
    private final LlamaServerLocator runtimes;
    private final boolean externalConfigured;

    public EngineChooser(LlamaServerLocator runtimes, boolean externalConfigured) {
        this.runtimes = runtimes;
        this.externalConfigured = externalConfigured;
    }

    /** The choice for {@code gguf}; {@code preferred} is the user's per-model override, if any. */
    public EngineChoice choose(Path gguf, Optional<EngineKind> preferred) {
        String architecture;
        try {
            architecture = GgufReader.read(gguf, GgufReadOptions.DEFAULT).architecture().orElse("");
        } catch (IOException | RuntimeException e) {
            return new EngineChoice("", List.of(), Optional.empty(), false,
                    gguf.getFileName() + " cannot be read as a GGUF model (" + e.getMessage() + ")");
        }
        return choose(architecture, preferred);
    }

    /** The choice for a model of {@code architecture} (its {@code general.architecture}). */
    public EngineChoice choose(String architecture, Optional<EngineKind> preferred) {
        List<EngineChoice.Option> options = new ArrayList<>();
        Optional<Path> runtime = runtimes.find();
        options.add(new EngineChoice.Option(EngineKind.RUNTIME, runtime.isPresent(), runtime.isPresent()
                ? "llama-server at " + runtime.get() : "no llama.cpp runtime (llama-server) is installed"));
        Optional<String> builtinRefusal = LlamaCppSupport.unsupportedReason(architecture);
        options.add(new EngineChoice.Option(EngineKind.BUILTIN, builtinRefusal.isEmpty(), builtinRefusal.isEmpty()
                ? "bundled llama.cpp " + LlamaCppSupport.embeddedBuild()
                : "architecture '" + display(architecture) + "' is not in the bundled llama.cpp "
                + LlamaCppSupport.embeddedBuild()));
        options.add(new EngineChoice.Option(EngineKind.EXTERNAL, externalConfigured, externalConfigured
                ? "the configured server decides" : "no external server is configured"));
        Optional<EngineKind> usable = options.stream().filter(EngineChoice.Option::canRun)
                .map(EngineChoice.Option::kind).findFirst();
        if (preferred.isPresent() && options.stream().anyMatch(o -> o.kind() == preferred.get() && o.canRun())) {
            return new EngineChoice(architecture, options, preferred, true, "");
        }
        String problem = usable.isPresent() ? "" : "no engine here can run '" + display(architecture) + "': "
                + builtinRefusal.map(r -> "it is not in the bundled llama.cpp " + LlamaCppSupport.embeddedBuild())
                .orElse("") + "; install a current llama.cpp runtime (llama-server, a release from"
                + " github.com/ggml-org/llama.cpp) or connect to a server that runs it";
        return new EngineChoice(architecture, options, usable, false, problem);
    }

    private static String display(String architecture) {
        return architecture == null || architecture.isBlank() ? "(none)" : architecture;
    }
}
