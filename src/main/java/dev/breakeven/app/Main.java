package dev.breakeven.app;

import dev.breakeven.cli.BreakevenCommand;
import javafx.application.Application;
import org.slf4j.LoggerFactory;

/**
 * Entry point: no arguments opens the window, any argument runs the CLI.
 * Kept apart from the {@link Application} subclass so a plain classpath jar can start JavaFX.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            AppLog.start(dev.breakeven.core.io.AppDirs.forCurrentUser(), AppLog.Front.APP);
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
}
