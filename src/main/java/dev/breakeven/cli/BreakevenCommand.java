package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;

/** The CLI root: {@code java -jar target/breakeven.jar <command> [options]}. */
@Command(name = "breakeven",
        mixinStandardHelpOptions = true,
        versionProvider = BreakevenCommand.Version.class,
        description = "Run this LLM workload locally, or pay an API? The same core as the app, from the command line.",
        subcommands = {CommandLine.HelpCommand.class,
                HardwareCommand.class,
                GgufCommand.class,
                FitCommand.class,
                CostCommand.class,
                CompareCommand.class,
                BenchCommand.class,
                ChatCommand.class,
                PowerCommand.class,
                ModelsCommand.class,
                RouteCommand.class,
                ServeCommand.class,
                RuntimeCommand.class,
                RouterCommand.class,
                CalibrateCommand.class,
                PricesCommand.class,
                LedgerCommand.class})
public final class BreakevenCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code --version}: the POM's version, so installers and the CLI agree. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Breakeven " + dev.breakeven.core.io.AppVersion.get()};
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs one command line and returns its exit code; output goes to the given writers. */
    public static int run(AppServices services, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new BreakevenCommand(), new CommandFactory(services));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, args1) -> {
            // A wrong option or value gets one line and where to look, not the whole usage text.
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println("error: " + ex.getMessage());
            failed.getErr().println("(see '" + failed.getCommandSpec().qualifiedName() + " --help')");
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // A user sees one line, not a stack trace; -Dbreakeven.debug=true shows the trace.
            commandLine.getErr().println("error: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            // INFO, not WARN: the log file keeps the trace for a report, the console (WARN and up) stays one line.
            org.slf4j.LoggerFactory.getLogger(BreakevenCommand.class)
                    .info("{} failed", commandLine.getCommandSpec().qualifiedName(), ex);
            if (Boolean.getBoolean("breakeven.debug")) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        // Numbers are checked in one place before any command runs (NumberOptions).
        cli.setExecutionStrategy(parsed -> {
            NumberOptions.check(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static int run(AppServices services, String[] args) {
        PrintStream stdout = System.out;
        // Libraries print too (java-llama.cpp announces where it extracted its native library): send their
        // lines to stderr so that stdout carries only our output and `--json` stays parseable.
        System.setOut(System.err);
        return run(services, args, new PrintWriter(stdout, true), new PrintWriter(System.err, true));
    }
}
