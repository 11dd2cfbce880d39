package dev.breakeven.core.chat.api;

import dev.breakeven.core.io.AtomicFiles;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Finds a provider's key and endpoint the way its SDK does: the environment first ({@code OPENAI_API_KEY},
 * {@code OPENAI_BASE_URL}, …), then {@value #FILE_NAME} in the settings folder, which holds the same
 * {@code NAME=value} lines and must be readable by its owner only (POSIX mode 600) — a key file others can read is
 * refused, not used. Where the file system has access-control lists instead (NTFS on Windows) the same rule is kept
 * by {@link OwnerOnlyAcl}. Nothing here logs or prints a key.
 */
public final class ApiKeys {
    public static final String FILE_NAME = "api-keys.properties";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final UnaryOperator<String> environment;
    private final Path file;

    /** @param environment variable lookup ({@code System::getenv} in the app; a map in tests) */
    public ApiKeys(UnaryOperator<String> environment, Path settingsFolder) {
        this.environment = environment;
        this.file = settingsFolder.resolve(FILE_NAME);
    }

    public static ApiKeys system(Path settingsFolder) {
        return new ApiKeys(System::getenv, settingsFolder);
    }

    public Path file() {
        return file;
    }

    /** The key for this provider, or empty when neither the environment nor the key file has one. */
    public Optional<ApiKey> key(ApiProvider provider) throws IOException {
        String fromEnv = environment.apply(provider.keyVariable());
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new ApiKey(fromEnv, "environment variable " + provider.keyVariable()));
        }
        String fromFile = readFile().get(provider.keyVariable());
        if (fromFile != null && !fromFile.isBlank()) {
            return Optional.of(new ApiKey(fromFile, "key file " + file));
        }
        return Optional.empty();
    }

    /** The key or a message saying where to put one. */
    public ApiKey require(ApiProvider provider) throws IOException {
        return key(provider).orElseThrow(() -> new IOException("No API key for " + provider.id() + ": set "
                + provider.keyVariable() + " in the environment, or put " + provider.keyVariable()
                + "=… in " + file + " (readable by you only: chmod 600)."));
    }

    /** The endpoint: {@code --api-base} if given, else the provider's base-URL variable, else the key file, else public. */
    public URI baseUrl(ApiProvider provider, String explicit) throws IOException {
        String chosen = explicit;
        if (chosen == null || chosen.isBlank()) {
            chosen = environment.apply(provider.baseUrlVariable());
        }
        if (chosen == null || chosen.isBlank()) {
            chosen = readFile().get(provider.baseUrlVariable());
        }
        if (chosen == null || chosen.isBlank()) {
            chosen = provider.defaultBaseUrl();
        }
        String t = chosen.strip().replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + chosen);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host: " + chosen);
        }
        return uri;
    }

    /** Stores a key in the key file (mode 600, or an owner-only ACL on Windows), keeping the file's other lines. */
    public void save(ApiProvider provider, String key) throws IOException {
        if (key == null || key.isBlank() || key.strip().contains("\n")) {
            throw new IllegalArgumentException("an API key is one non-empty line");
        }
        Map<String, String> all = new TreeMap<>(Files.exists(file) ? readFile() : Map.of());
        all.put(provider.keyVariable(), key.strip());
        StringBuilder text = new StringBuilder("# API keys for Breakeven: keep this file readable by you only (chmod 600)\n");
        all.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(OWNER_ONLY);
        } else {
            // The temp file had the folder's inherited list until now: in a profile folder that is owner, SYSTEM and
            // Administrators, which reading accepts anyway.
            OwnerOnlyAcl.protect(file);
        }
    }

    /** Which providers have a key, and from where (never the key itself). */
    public Map<ApiProvider, String> configured() throws IOException {
        Map<ApiProvider, String> found = new TreeMap<>();
        for (ApiProvider p : ApiProvider.values()) {
            key(p).ifPresent(k -> found.put(p, k.origin()));
        }
        return found;
    }

    private Map<String, String> readFile() throws IOException {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> perms = posix.readAttributes().permissions();
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new IOException("Refusing the key file " + file + ": others can read it (mode "
                        + PosixFilePermissions.toString(perms) + "). Run: chmod 600 " + file);
            }
        } else {
            Optional<String> refusal = OwnerOnlyAcl.refusal(file);
            if (refusal.isPresent()) {
                throw new IOException(refusal.get());
            }
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(n -> out.put(n, p.getProperty(n).strip()));
        return out;
    }
}
