package dev.breakeven.app;

import dev.breakeven.ui.shell.MainWindow;
import javafx.application.Application;
import javafx.stage.Stage;

/** Assembles the window; everything else is built in {@link PageRegistry}. */
public final class BreakevenApp extends Application {
    private AppServices services;

    @Override
    public void start(Stage stage) {
        services = AppServices.forCurrentUser();
        // Pages that send the user on (Models → Chat) reach the window once it exists.
        java.util.concurrent.atomic.AtomicReference<MainWindow> shown = new java.util.concurrent.atomic.AtomicReference<>();
        MainWindow window = new MainWindow(PageRegistry.create(services, page -> shown.get().select(page)), services.dirs());
        shown.set(window);
        window.show(stage);
    }

    @Override
    public void stop() {
        if (services != null) {
            services.background().shutdownNow();
        }
    }
}
