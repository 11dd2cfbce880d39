package dev.breakeven.app;

import dev.breakeven.cli.BreakevenCommand;
import javafx.application.Application;

/**
 * Entry point: no arguments opens the window, any argument runs the CLI.
 * Kept apart from the {@link Application} subclass so a plain classpath jar can start JavaFX.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            Application.launch(BreakevenApp.class, args);
        } else {
            int code;
            try (AppServices services = AppServices.forCurrentUser()) {
                code = BreakevenCommand.run(services, args); // closing stops any engine the command started
            }
            System.exit(code);
        }
    }
}
