package dev.breakeven.core.hub;

import java.net.http.HttpClient;
import java.time.Duration;

/** The one HTTP client shape Hub access uses: redirects by hand (so the token policy sees every hop). */
public final class HubHttp {
    private HubHttp() {
    }

    public static HttpClient client() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }
}
