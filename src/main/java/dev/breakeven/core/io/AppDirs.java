package dev.breakeven.core.io;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the app keeps settings and data, following each OS's convention:
 * Linux XDG ({@code ~/.config/breakeven}, {@code ~/.local/share/breakeven}),
 * macOS {@code ~/Library/Application Support/Breakeven}, Windows {@code %APPDATA%\Breakeven}.
 * {@code -Dbreakeven.home=DIR} puts both under one folder (portable use, tests).
 */
public record AppDirs(Path settings, Path data) {

    public static AppDirs forCurrentUser() {
        String override = System.getProperty("breakeven.home");
        if (override != null && !override.isBlank()) {
            return under(Path.of(override));
        }
        Path home = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            Path base = appData != null ? Path.of(appData, "Breakeven") : home.resolve("AppData/Roaming/Breakeven");
            return new AppDirs(base, base);
        }
        if (os.contains("mac")) {
            Path base = home.resolve("Library/Application Support/Breakeven");
            return new AppDirs(base, base);
        }
        return new AppDirs(
                xdg("XDG_CONFIG_HOME", home.resolve(".config")).resolve("breakeven"),
                xdg("XDG_DATA_HOME", home.resolve(".local/share")).resolve("breakeven"));
    }

    /** The app's log files (rotated, see dev.breakeven.app.AppLog); engine logs go beside them. */
    public Path logs() {
        return data.resolve("logs");
    }

    public static AppDirs under(Path root) {
        return new AppDirs(root.resolve("settings"), root.resolve("data"));
    }

    private static Path xdg(String variable, Path fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }
}
