package dev.breakeven.core.chat.api;

import dev.breakeven.core.cost.PriceCatalog;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything an API engine needs: the model, the endpoint, the key, the price catalog for the cost of each turn and
 * how long to wait.
 *
 * @param idleTimeout  a stream silent this long is given up as cut
 * @param maxRetryWait a 429 whose {@code retry-after} is at most this long is retried once, after waiting; a longer
 *                     one is reported at once, with the wait the provider asked for
 */
public record ApiSettings(ApiTarget target, URI baseUrl, ApiKey key, PriceCatalog catalog, Duration connectTimeout,
                          Duration idleTimeout, Duration maxRetryWait) {
    public ApiSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(catalog, "catalog");
    }

    public static ApiSettings of(ApiTarget target, URI baseUrl, ApiKey key, PriceCatalog catalog) {
        return new ApiSettings(target, baseUrl, key, catalog, Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(5));
    }

    /** Key and endpoint resolved the SDK way (see {@link ApiKeys}); {@code baseUrl} may be null. */
    public static ApiSettings resolve(ApiTarget target, ApiKeys keys, String baseUrl, PriceCatalog catalog)
            throws IOException {
        return of(target, keys.baseUrl(target.provider(), baseUrl), keys.require(target.provider()), catalog);
    }

    public ApiSettings withTimeouts(Duration connect, Duration idle, Duration retryWait) {
        return new ApiSettings(target, baseUrl, key, catalog, connect, idle, retryWait);
    }

    URI endpoint(String path) {
        return URI.create(baseUrl.toString().replaceAll("/+$", "") + path);
    }
}
