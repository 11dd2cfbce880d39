package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.runtime.AllocationCheck;
import dev.breakeven.core.runtime.AllocationChecker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code breakeven runtime check --gguf F [--ctx N] [--json]}: starts the runtime on the file with the plan's flags,
 * and sets the planner's weights, KV cache and compute buffer beside llama.cpp's own allocation report; the pair is
 * kept in the data folder (the Fit page's "Check against llama.cpp" does the same).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Start the runtime on a GGUF file with the fit plan's flags and compare the planner's memory "
                + "terms with llama.cpp's allocation report (kept as a calibration record).")
final class RuntimeCheckCommand implements Callable<Integer> {
    private static final double MIB = 1024.0 * 1024.0;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--gguf", required = true, paramLabel = "PATH", description = "The model file.")
    Path gguf;

    @Option(names = "--ctx", paramLabel = "TOKENS", defaultValue = "4096", description = "Context size (default: ${DEFAULT-VALUE}).")
    int contextSize;

    @Option(names = "--json", description = "Print the check as JSON.")
    boolean json;

    @Option(names = "--verbose", description = "Show the runtime's start-up progress on stderr.")
    boolean verbose;

    private final AppServices services;

    RuntimeCheckCommand(AppServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws ChatEngineException {
        if (!Files.isRegularFile(gguf)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no file at " + gguf);
        }
        PrintWriter err = spec.commandLine().getErr();
        AllocationCheck check = new AllocationChecker(services.engines(), services.dirs().data())
                .check(gguf, contextSize, Cancellation.none(), message -> {
                    if (verbose) {
                        err.println(message);
                        err.flush();
                    }
                });
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, check);
        } else {
            out.printf(Locale.ROOT, "%s at %d tokens on %s%n", check.model(), check.contextSize(), check.target());
            out.println("llama-server " + String.join(" ", check.engineArgs()));
            out.printf(Locale.ROOT, "%-15s %13s %13s %12s%n", "term", "planned MiB", "llama.cpp MiB", "difference");
            for (AllocationCheck.Term t : check.terms()) {
                out.printf(Locale.ROOT, "%-15s %13.2f %13s %12s%n", t.name(), t.plannedBytes() / MIB,
                        t.reported() ? String.format(Locale.ROOT, "%.2f", t.reportedBytes() / MIB) : "n/a",
                        t.reported() ? String.format(Locale.ROOT, "%+.1f %%", t.errorPercent()) : "");
            }
            check.devices().forEach((device, a) -> out.printf(Locale.ROOT,
                    "%-15s model %.2f MiB, KV %.2f MiB, compute %.2f MiB%n", device, a.modelBytes() / MIB,
                    a.kvBytes() / MIB, a.computeBytes() / MIB));
            check.notes().forEach(n -> out.println("note            " + n));
        }
        out.flush();
        return 0;
    }
}
