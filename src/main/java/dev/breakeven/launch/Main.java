package dev.breakeven.launch;

import dev.breakeven.app.AppLog;
import dev.breakeven.app.AppServices;
import dev.breakeven.app.BreakevenApp;
import dev.breakeven.cli.BreakevenCommand;
import dev.breakeven.core.io.AppDirs;
import javafx.application.Application;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Entry point: no arguments opens the window, any argument runs the CLI. It sits above both {@code app} and
 * {@code cli} so that neither imports the other (ArchitectureTest), and apart from the {@link Application} subclass
 * so a plain classpath jar can start JavaFX.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || opensAModel(args)) {
            AppLog.start(AppDirs.forCurrentUser(), AppLog.Front.APP);
            Optional<String> missing = DesktopCheck.problem(DesktopCheck.Environment.current());
            if (missing.isPresent()) {
                // One plain sentence instead of the toolkit's 60-line stack trace.
                LoggerFactory.getLogger(Main.class).error(missing.get());
                System.err.println(missing.get());
                System.exit(1);
            }
            // "Open with Breakeven" on a .gguf file passes its path: the window opens on Fit and plans it.
            Application.launch(BreakevenApp.class, args);
        } else {
            int code;
            try (AppServices services = AppServices.forCurrentUser()) {
                AppLog.start(services.dirs(), AppLog.Front.CLI);
                // The command name only: options may carry paths or keys a user would not want in a report.
                LoggerFactory.getLogger(Main.class).info("command: {}", args[0].startsWith("-") ? "(option)" : args[0]);
                code = BreakevenCommand.run(services, args); // closing stops any engine the command started
                LoggerFactory.getLogger(Main.class).info("exit code {}", code);
            }
            System.exit(code);
        }
    }

    /** One existing .gguf file as the only argument: a file manager's "Open with", not a command line. */
    static boolean opensAModel(String[] args) {
        return args.length == 1 && args[0].toLowerCase(java.util.Locale.ROOT).endsWith(".gguf")
                && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(args[0]));
    }
}
