package dev.breakeven.ui.shell;

import dev.breakeven.core.io.AppDirs;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The shell: a sidebar and one selected-page property; selecting swaps the centre node.
 * Pages are built on first visit and kept, so a running chat survives navigation.
 */
public final class MainWindow {
    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 700;

    private final Map<PageId, Supplier<Page>> factories;
    private final Map<PageId, Page> built = new EnumMap<>(PageId.class);
    private final ObjectProperty<PageId> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final StackPane content = new StackPane();
    private final BorderPane root = new BorderPane();
    private final ToggleGroup navigation = new ToggleGroup();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MainWindow.class);
    /** Shown once the app says how to open its log folder (not in page tests). */
    private final Button logFolderButton = new Button("Open log folder");

    public MainWindow(Map<PageId, Supplier<Page>> factories, AppDirs dirs) {
        this.factories = Map.copyOf(factories);
        root.getStyleClass().add("main-window");
        root.setLeft(sidebar());
        content.getStyleClass().add("content");
        root.setCenter(content);
        selected.addListener((obs, old, now) -> swap(old, now));
        theme.addListener((obs, old, now) -> now.applyTo(root));
        theme.get().applyTo(root);
        select(PageId.HARDWARE);
    }

    public void show(Stage stage) {
        // Open at 1280×800 where the screen allows, otherwise as large as the screen's usable area.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1280, screen.getWidth()), Math.min(800, screen.getHeight()));
        for (PageId id : PageId.values()) {
            // Ctrl+1 … Ctrl+6 jump to a page from anywhere.
            scene.getAccelerators().put(
                    new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (id.ordinal() + 1)), KeyCombination.SHORTCUT_DOWN),
                    () -> select(id));
        }
        stage.setTitle("Breakeven — run it locally, or pay an API?");
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.setScene(scene);
        stage.show();
        stage.setX(screen.getMinX() + Math.max(0, (screen.getWidth() - stage.getWidth()) / 2));
        stage.setY(screen.getMinY() + Math.max(0, (screen.getHeight() - stage.getHeight()) / 2));
    }

    public BorderPane root() {
        return root;
    }

    public void select(PageId id) {
        selected.set(id);
    }

    public ObjectProperty<PageId> selectedProperty() {
        return selected;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** The page for an id, building it if it was never shown. */
    public Page page(PageId id) {
        return built.computeIfAbsent(id, key -> {
            try {
                Page page = factories.get(key).get();
                LOG.info("page {} built", key);
                return page;
            } catch (RuntimeException e) {
                LOG.error("page {} failed to build", key, e);
                throw e;
            }
        });
    }

    /** Offers "Open log folder" in the sidebar; {@code open} must not block (the app runs it off the FX thread). */
    public void offerLogFolder(Runnable open) {
        logFolderButton.setOnAction(e -> open.run());
        logFolderButton.setVisible(true);
        logFolderButton.setManaged(true);
    }

    private VBox sidebar() {
        Label brand = new Label("Breakeven");
        brand.getStyleClass().add("brand");
        VBox bar = new VBox(4, brand);
        bar.getStyleClass().add("sidebar");
        for (PageId id : PageId.values()) {
            ToggleButton button = new ToggleButton(id.title());
            button.setId("nav-" + id.name().toLowerCase(java.util.Locale.ROOT));
            button.setToggleGroup(navigation);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setTooltip(new Tooltip(id.subtitle() + "  (Ctrl+" + (id.ordinal() + 1) + ")"));
            button.getStyleClass().add("nav-button");
            button.setOnAction(e -> select(id));
            selected.addListener((obs, old, now) -> button.setSelected(now == id));
            bar.getChildren().add(button);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Button themeButton = new Button("Dark theme");
        themeButton.setId("theme-toggle");
        themeButton.getStyleClass().add("theme-toggle");
        themeButton.setMaxWidth(Double.MAX_VALUE);
        themeButton.setOnAction(e -> theme.set(theme.get().toggled()));
        theme.addListener((obs, old, now) -> themeButton.setText(now == Theme.DARK ? "Light theme" : "Dark theme"));
        logFolderButton.setId("open-log-folder");
        logFolderButton.getStyleClass().add("theme-toggle");
        logFolderButton.setMaxWidth(Double.MAX_VALUE);
        logFolderButton.setTooltip(new Tooltip("The app's log files, to attach to a problem report"));
        logFolderButton.setVisible(false);
        logFolderButton.setManaged(false);
        bar.getChildren().addAll(spacer, logFolderButton, themeButton);
        return bar;
    }

    private void swap(PageId old, PageId now) {
        if (old != null && built.containsKey(old)) {
            built.get(old).onHide();
        }
        Page page = page(now);
        ScrollPane scroller = new ScrollPane(page.root());
        scroller.setFitToWidth(true);
        scroller.setFitToHeight(true);
        scroller.getStyleClass().add("page-scroller");
        content.getChildren().setAll(scroller);
        page.onShow();
    }
}
