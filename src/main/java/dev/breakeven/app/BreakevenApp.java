package dev.breakeven.app;

import dev.breakeven.ui.fit.FitPage;
import dev.breakeven.ui.shell.MainWindow;
import dev.breakeven.ui.shell.PageId;
import javafx.scene.image.Image;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Assembles the window; everything else is built in {@link PageRegistry}. */
public final class BreakevenApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(BreakevenApp.class);
    private AppServices services;

    @Override
    public void start(Stage stage) {
        services = AppServices.forCurrentUser();
        // engines a crashed earlier run left behind hold memory the new one needs: stop them now
        services.background().execute(() -> services.engines().supervisor().stopOrphans());
        // the user's price file is read once, here, so no page reads it on the FX thread
        services.background().execute(() -> services.prices().current());
        // Pages that send the user on (Models → Chat) reach the window once it exists.
        java.util.concurrent.atomic.AtomicReference<MainWindow> shown = new java.util.concurrent.atomic.AtomicReference<>();
        MainWindow window = new MainWindow(PageRegistry.create(services, page -> shown.get().select(page)), services.dirs());
        shown.set(window);
        Path logs = services.dirs().logs();
        // Opening a folder asks the desktop (xdg-open, Finder, Explorer) and may take a while: never on the FX thread.
        window.offerLogFolder(() -> services.background().execute(() -> openFolder(logs)));
        for (String size : new String[] {"32", "64", "256"}) {
            stage.getIcons().add(new Image(Objects.requireNonNull(
                    BreakevenApp.class.getResource("icons/breakeven-" + size + ".png")).toExternalForm()));
        }
        window.show(stage);
        LOG.info("window shown");
        getParameters().getRaw().stream().filter(a -> a.toLowerCase(Locale.ROOT).endsWith(".gguf")).findFirst()
                .map(Path::of).ifPresent(file -> {
                    LOG.info("opening a model file passed by the desktop");
                    window.select(PageId.FIT);
                    ((FitPage) window.page(PageId.FIT)).openFile(file);
                });
    }

    private void openFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            getHostServices().showDocument(folder.toUri().toString());
            LOG.info("opened the log folder {}", folder);
        } catch (Exception e) {
            LOG.warn("could not open the log folder {}", folder, e);
        }
    }

    @Override
    public void stop() {
        LOG.info("window closed");
        if (services != null) {
            services.close(); // stops every engine the window started
        }
    }
}
