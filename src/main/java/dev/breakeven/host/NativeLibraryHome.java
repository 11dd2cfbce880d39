package dev.breakeven.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * Gives java-llama.cpp a native-library folder of its own, per user and per library version, before its
 * loader first runs.
 *
 * <p>Why: left alone, the library's loader deletes every {@code llama*} and {@code jllama*} file in the shared
 * temporary folder (other users' and other processes' too) and extracts itself to the fixed path
 * {@code /tmp/libjllama.so}, so two processes starting together overwrite the file the other is mapping (a
 * SIGBUS was seen). Here the library is copied once into {@code <data>/native/llama-<version>/lib} through a
 * temporary file and an atomic rename (a running process keeps the file it mapped), loaded from there through
 * the library's own {@code de.kherud.llama.lib.path} switch, and the loader's clean-up and any other
 * extraction (Metal shaders on macOS) are pointed at {@code .../tmp} through {@code de.kherud.llama.tmpdir}.
 */
public final class NativeLibraryHome {
    static final String TMPDIR_PROPERTY = "de.kherud.llama.tmpdir";
    static final String LIB_PATH_PROPERTY = "de.kherud.llama.lib.path";
    private static final String POM = "/META-INF/maven/de.kherud/llama/pom.properties";

    private NativeLibraryHome() {
    }

    /** The folders in use: {@code lib} holds the library loaded, {@code tmp} is the loader's scratch folder. */
    public record Folders(Path root, Path lib, Path tmp, boolean customLibrary) {
    }

    /**
     * Sets both properties; a {@code de.kherud.llama.lib.path} already set (a self-built GPU library, see
     * docs/gpu-build.md) is kept and nothing is copied.
     */
    public static Folders prepare(Path dataDir) throws IOException {
        Path root = dataDir.resolve("native").resolve("llama-" + libraryVersion());
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        System.setProperty(TMPDIR_PROPERTY, tmp.toString());
        String custom = System.getProperty(LIB_PATH_PROPERTY);
        if (custom != null && !custom.isBlank()) {
            return new Folders(root, Path.of(custom), tmp, true);
        }
        Path lib = Files.createDirectories(root.resolve("lib"));
        String resource = "/de/kherud/llama/" + osFolder() + "/" + System.mapLibraryName("jllama");
        java.net.URL bundled = NativeLibraryHome.class.getResource(resource);
        if (bundled == null) {
            // No bundled library for this platform: leave the loader to say so in its own words.
            return new Folders(root, lib, tmp, false);
        }
        Path target = lib.resolve(System.mapLibraryName("jllama"));
        // The jar entry's size says whether the copy is whole; only a missing or cut copy is written again.
        long size = bundled.openConnection().getContentLengthLong();
        if (!Files.isRegularFile(target) || size < 0 || Files.size(target) != size) {
            Path part = Files.createTempFile(lib, "part-", ".tmp");
            try (InputStream in = bundled.openStream()) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(part);
            }
        }
        System.setProperty(LIB_PATH_PROPERTY, lib.toString());
        return new Folders(root, lib, tmp, false);
    }

    /** The bundled java-llama.cpp version, from its jar's Maven metadata. */
    static String libraryVersion() {
        try (InputStream in = NativeLibraryHome.class.getResourceAsStream(POM)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
            }
        } catch (IOException e) {
            // fall through: a folder named "unknown" still keeps us out of the shared /tmp
        }
        return "unknown";
    }

    /** The library's resource folder for this machine, named as its loader names it (e.g. Linux/x86_64). */
    static String osFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String name = os.contains("win") ? "Windows" : os.contains("mac") ? "Mac" : "Linux";
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String folder = switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i686" -> "x86";
            default -> arch;
        };
        return name + "/" + folder;
    }
}
