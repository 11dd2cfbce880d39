package dev.breakeven.core.chat;

import dev.breakeven.core.engine.EngineKind;
import dev.breakeven.core.engine.EngineLaunch;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.LlamaServerLocator;
import dev.breakeven.core.engine.LlamaServerOptions;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.fit.RuntimeLaunchPlan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds the engine for a local model file as a supervised child process: the built-in host or a llama-server.
 * One place for the CLI and the Chat page, so both start engines the same way. A llama-server is started with the
 * fit plan's flags for this machine and file ({@link RuntimeLaunchPlan}: {@code -ngl}, {@code --n-cpu-moe},
 * {@code -fa}, {@code -ctk/-ctv}, {@code -np}, loading), written the way that build spells them.
 */
public final class LocalEngines {
    /** llama.cpp prints its allocation report (model, KV and compute buffers per device) at verbosity 4. */
    static final List<String> LOG_ARGS = List.of("-lv", "4");
    private final EngineSupervisor supervisor;
    private final LlamaServerLocator runtimes;
    private final Supplier<RuntimeLaunchPlan.Machine> machine;

    /** With this machine seen as CPU only with its free RAM (tests, and callers without hardware detection). */
    public LocalEngines(EngineSupervisor supervisor, LlamaServerLocator runtimes) {
        this(supervisor, runtimes, LocalEngines::cpuOnlyMachine);
    }

    /** {@code machine}: this machine as the planner sees it (detected GPU and host), asked at each runtime start. */
    public LocalEngines(EngineSupervisor supervisor, LlamaServerLocator runtimes,
                        Supplier<RuntimeLaunchPlan.Machine> machine) {
        this.supervisor = supervisor;
        this.runtimes = runtimes;
        this.machine = machine;
    }

    /** This machine's free RAM, cores and OS, no GPU: what a CPU build of llama.cpp runs on. */
    public static RuntimeLaunchPlan.Machine cpuOnlyMachine() {
        HostSpec host = new HostSpec(AvailableMemory.bytes(),
                FitPlanner.standard().memory().constants().fallbackHostBandwidthGBps(),
                Runtime.getRuntime().availableProcessors());
        return RuntimeLaunchPlan.Machine.of(new HardwareTarget("this machine (CPU only)", null, host, false),
                System.getProperty("os.name"));
    }

    public EngineSupervisor supervisor() {
        return supervisor;
    }

    public LlamaServerLocator runtimes() {
        return runtimes;
    }

    /**
     * An engine (not yet started: {@link ChatEngine#prepare} starts it) serving {@code gguf}.
     * {@code threads} 0 = the server's choice.
     */
    public SupervisedEngine engine(EngineKind kind, Path gguf, int contextSize, int threads, Consumer<String> progress)
            throws ChatEngineException {
        return engine(kind, gguf, contextSize, threads, RuntimeLaunchPlan.Choices.NONE, progress);
    }

    /** As above; {@code choices} are the user's flags over the plan's for a llama-server runtime. */
    public SupervisedEngine engine(EngineKind kind, Path gguf, int contextSize, int threads,
                                   RuntimeLaunchPlan.Choices choices, Consumer<String> progress)
            throws ChatEngineException {
        EngineLaunch.ModelArgs model;
        try {
            model = new EngineLaunch.ModelArgs(gguf.toAbsolutePath(), contextSize, threads);
        } catch (IllegalArgumentException e) {
            throw new ChatEngineException(e.getMessage());
        }
        EngineLaunch launch = switch (kind) {
            case BUILTIN -> EngineLaunch.builtin(model, supervisor.logFileFor(kind, gguf));
            case RUNTIME -> {
                Path server = runtimes.find().orElseThrow(() -> new ChatEngineException(
                        "No llama.cpp runtime (llama-server) was found: install one, put it on the PATH or point "
                                + LlamaServerLocator.ENVIRONMENT + " at it"));
                yield EngineLaunch.runtime(server, model, runtimeFlags(server, gguf, contextSize, choices),
                        supervisor.logFileFor(kind, gguf));
            }
            case EXTERNAL -> throw new IllegalArgumentException("an external server is reached by URL, not started");
        };
        String name = gguf.getFileName().toString().replaceAll("(?i)\\.gguf$", "");
        return new SupervisedEngine(supervisor, launch, name, progress);
    }

    /**
     * The machine as this build can use it: a build that lists no device ({@code --list-devices}: a CPU build on a
     * machine with a GPU) runs everything on the CPU, so it is planned for the CPU.
     */
    static RuntimeLaunchPlan.Machine forBuild(RuntimeLaunchPlan.Machine machine, LlamaServerOptions options) {
        HardwareTarget target = machine.target();
        if (target.gpu() == null || !options.devices().map(List::isEmpty).orElse(false)) {
            return machine;
        }
        return new RuntimeLaunchPlan.Machine(new HardwareTarget(target.label() + ", but this llama-server build lists"
                + " no GPU device (a CPU build)", null, target.host(), false), machine.windows());
    }

    /**
     * The plan a llama-server runtime would be started with for {@code gguf} on this machine, as that build can run
     * it: what the Fit page's check against llama.cpp compares with the server's own report.
     *
     * @throws ChatEngineException when no runtime is found or the file or the choices cannot be planned
     */
    public RuntimeLaunchPlan runtimePlan(Path gguf, int contextSize, RuntimeLaunchPlan.Choices choices)
            throws ChatEngineException {
        Path server = runtimes.find().orElseThrow(() -> new ChatEngineException(
                "No llama.cpp runtime (llama-server) was found: install one on the Runtime page"));
        try {
            return RuntimeLaunchPlan.plan(FitPlanner.standard(), GgufModel.read(gguf), contextSize,
                    forBuild(machine.get(), LlamaServerOptions.of(server)), choices);
        } catch (IllegalArgumentException e) {
            throw new ChatEngineException(e.getMessage());
        }
    }

    /** The plan's flags for {@code gguf} on this machine, fitted to what the build at {@code server} knows. */
    EngineLaunch.Flags runtimeFlags(Path server, Path gguf, int contextSize, RuntimeLaunchPlan.Choices choices)
            throws ChatEngineException {
        LlamaServerOptions options = LlamaServerOptions.of(server);
        RuntimeLaunchPlan.Machine here = forBuild(machine.get(), options);
        RuntimeLaunchPlan plan;
        try {
            plan = RuntimeLaunchPlan.plan(FitPlanner.standard(), GgufModel.read(gguf), contextSize, here, choices);
        } catch (IllegalArgumentException e) {
            if (!choices.equals(RuntimeLaunchPlan.Choices.NONE)) {
                throw new ChatEngineException(e.getMessage()); // the user's flags contradict each other
            }
            // a header the planner cannot read: the server decides, and its own error tells the user
            return new EngineLaunch.Flags(List.of(), "no plan (" + e.getMessage() + ")",
                    options.fit(LOG_ARGS).args());
        }
        LlamaServerOptions.Fitted fitted = options.fit(plan.flags().args());
        List<String> why = new ArrayList<>(List.of(plan.summary()));
        why.addAll(fitted.notes());
        return new EngineLaunch.Flags(fitted.args(), String.join("; ", why), options.fit(LOG_ARGS).args());
    }
}
