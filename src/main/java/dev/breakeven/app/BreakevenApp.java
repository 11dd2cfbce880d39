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
        // engines a crashed earlier run left behind hold memory the new one needs: stop them now
        services.background().execute(() -> services.engines().supervisor().stopOrphans());
        MainWindow window = new MainWindow(PageRegistry.create(services), services.dirs());
        window.show(stage);
    }

    @Override
    public void stop() {
        if (services != null) {
            services.close(); // stops every engine the window started
        }
    }
}
