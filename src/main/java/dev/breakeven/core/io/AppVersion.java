package dev.breakeven.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven built (the POM's, filtered into version.properties), shown by the CLI and the log. */
public final class AppVersion {
    private static final String VERSION = load();

    private AppVersion() {
    }

    public static String get() {
        return VERSION;
    }

    /** The version without a -SNAPSHOT suffix: installers accept only numbers. */
    public static String numeric() {
        return VERSION.replaceFirst("[^0-9.].*$", "").replaceAll("\\.$", "");
    }

    private static String load() {
        try (InputStream in = AppVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String value = properties.getProperty("version", "dev");
            return value.startsWith("${") ? "dev" : value;
        } catch (IOException e) {
            return "dev";
        }
    }
}
