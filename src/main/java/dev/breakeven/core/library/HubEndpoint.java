package dev.breakeven.core.library;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Hugging Face Hub is and the token for it. The base URL honours {@code HF_ENDPOINT} as the Hugging Face
 * tools do (mirrors, a local test server); the token comes from {@code HF_TOKEN} or the app's key file
 * ({@value #KEY_FILE} in the settings folder).
 * <p>
 * The token is sent only where {@link #mayAuthorize} allows: over https, to the configured Hub's own host and port.
 * Never over http (a downgrade redirect on the same host included), never to a CDN or mirror a redirect points at.
 *
 * @param baseUrl the Hub, ending in "/"
 * @param token   an access token, or null
 */
public record HubEndpoint(URI baseUrl, String token) {
    public static final URI HUGGING_FACE = URI.create("https://huggingface.co/");
    public static final String KEY_FILE = "huggingface-token";

    public HubEndpoint {
        if (baseUrl == null || baseUrl.getHost() == null
                || !("https".equalsIgnoreCase(baseUrl.getScheme()) || "http".equalsIgnoreCase(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("the Hub address must be an http(s) URL, got: " + baseUrl);
        }
        baseUrl = baseUrl.toString().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
        token = token == null || token.isBlank() ? null : token.strip();
    }

    public static HubEndpoint anonymous(URI baseUrl) {
        return new HubEndpoint(baseUrl, null);
    }

    /**
     * The Hub for this user: {@code HF_ENDPOINT} or huggingface.co; {@code HF_TOKEN}, else the first line of
     * {@code settingsDir/}{@value #KEY_FILE}.
     *
     * @throws IllegalArgumentException when {@code HF_ENDPOINT} is not an http(s) URL
     */
    public static HubEndpoint fromEnvironment(Map<String, String> env, Path settingsDir) {
        String endpoint = env.get("HF_ENDPOINT");
        URI base = endpoint == null || endpoint.isBlank() ? HUGGING_FACE : URI.create(endpoint.strip());
        String token = env.get("HF_TOKEN");
        if ((token == null || token.isBlank()) && settingsDir != null) {
            token = readKeyFile(settingsDir.resolve(KEY_FILE)).orElse(null);
        }
        return new HubEndpoint(base, token);
    }

    public static HubEndpoint forCurrentUser(Path settingsDir) {
        return fromEnvironment(System.getenv(), settingsDir);
    }

    private static Optional<String> readKeyFile(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 4096) {
                return Optional.empty();
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty()).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True when a request to {@code url} may carry the token: https, and the Hub's own host and port. */
    public boolean mayAuthorize(URI url) {
        if (token == null || url == null || url.getHost() == null) {
            return false;
        }
        return "https".equalsIgnoreCase(url.getScheme()) && "https".equalsIgnoreCase(baseUrl.getScheme())
                && url.getHost().equalsIgnoreCase(baseUrl.getHost()) && port(url) == port(baseUrl);
    }

    /** True when {@code url} is on the Hub's own host and port (any scheme). */
    public boolean isHub(URI url) {
        return url != null && url.getHost() != null && url.getHost().equalsIgnoreCase(baseUrl.getHost())
                && port(url) == port(baseUrl);
    }

    /** The header value for {@code url}, or empty where the token must not go. */
    public Optional<String> authorization(URI url) {
        return mayAuthorize(url) ? Optional.of("Bearer " + token) : Optional.empty();
    }

    /** The host shown to users ("huggingface.co", "127.0.0.1:8080"). */
    public String hostLabel() {
        return baseUrl.getPort() < 0 ? baseUrl.getHost() : baseUrl.getHost() + ":" + baseUrl.getPort();
    }

    /** {@code base/REPO/resolve/REVISION/FILE}, each path segment encoded. */
    public URI resolveUrl(String repo, String revision, String file) {
        return baseUrl.resolve(repo.strip() + "/resolve/" + UrlPaths.encode(revision == null ? "main" : revision) + "/"
                + UrlPaths.encode(file));
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equals(url.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    @Override
    public String toString() {
        // A record's toString would print the token into logs and exception messages.
        return "HubEndpoint[" + baseUrl + (token == null ? "" : ", token set") + "]";
    }
}
