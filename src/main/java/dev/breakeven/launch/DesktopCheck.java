package dev.breakeven.launch;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the window needs from the system before JavaFX starts, checked up front because the toolkit's own failure
 * is a 60-line stack trace ("Unable to load glass GTK library"). On Linux: GTK 3, found the way the toolkit finds
 * it (the dynamic loader, through the FFM API), and a display to draw on.
 */
public final class DesktopCheck {
    static final String GTK3 = "libgtk-3.so.0";
    static final String NEEDS_GTK = "Breakeven needs GTK 3: install libgtk-3-0 (Debian/Ubuntu) or gtk3 (Fedora).";
    static final String NEEDS_DISPLAY = "Breakeven's window needs a graphical desktop (no DISPLAY or WAYLAND_DISPLAY"
            + " is set); the command line works without one: breakeven --help";

    private DesktopCheck() {
    }

    /**
     * What the check looks at; {@code loadable} answers whether the loader can open a library by name.
     *
     * @param properties system properties that matter: os.name, glass.platform, breakeven.gtk.library (tests)
     */
    record Environment(Map<String, String> properties, Map<String, String> env, Predicate<String> loadable) {
        static Environment current() {
            Map<String, String> props = new java.util.HashMap<>();
            for (String key : new String[] {"os.name", "glass.platform", "breakeven.gtk.library"}) {
                String value = System.getProperty(key);
                if (value != null) {
                    props.put(key, value);
                }
            }
            return new Environment(props, System.getenv(), DesktopCheck::canLoad);
        }
    }

    /** The sentence to print instead of starting the window, or empty when the window can start. */
    static Optional<String> problem(Environment environment) {
        String os = environment.properties().getOrDefault("os.name", "").toLowerCase(Locale.ROOT);
        String platform = environment.properties().getOrDefault("glass.platform", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || platform.equals("headless") || platform.equals("monocle")) {
            return Optional.empty(); // Windows and macOS bring their own toolkit; headless needs none
        }
        String library = environment.properties().getOrDefault("breakeven.gtk.library", GTK3);
        if (!environment.loadable().test(library)) {
            return Optional.of(NEEDS_GTK);
        }
        if (blank(environment.env().get("DISPLAY")) && blank(environment.env().get("WAYLAND_DISPLAY"))) {
            return Optional.of(NEEDS_DISPLAY);
        }
        return Optional.empty();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** dlopen through the FFM API: the same search (ld.so.cache, LD_LIBRARY_PATH) the toolkit's loader does. */
    static boolean canLoad(String library) {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup(library, arena);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        } catch (IllegalCallerException e) {
            return true; // native access is denied to us: we cannot tell, so let the toolkit try
        }
    }
}
