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
        if (args.length == 0) {
            AppLog.start(AppDirs.forCurrentUser(), AppLog.Front.APP);
            Optional<String> missing = DesktopCheck.problem(DesktopCheck.Environment.current());
            if (missing.isPresent()) {
                // One plain sentence instead of the toolkit's 60-line stack trace.
                LoggerFactory.getLogger(Main.class).error(missing.get());
                System.err.println(missing.get());
                System.exit(1);
            }
            Application.launch(BreakevenApp.class, args);
        } else {
            AppServices services = AppServices.forCurrentUser();
            AppLog.start(services.dirs(), AppLog.Front.CLI);
            // The command name only: options may carry paths or keys a user would not want in a report.
            LoggerFactory.getLogger(Main.class).info("command: {}", args[0].startsWith("-") ? "(option)" : args[0]);
            int code = BreakevenCommand.run(services, args);
            LoggerFactory.getLogger(Main.class).info("exit code {}", code);
            System.exit(code);
        }
    }
}
