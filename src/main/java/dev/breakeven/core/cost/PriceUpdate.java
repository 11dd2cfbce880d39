package dev.breakeven.core.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.io.Json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Brings the catalog up to date from a maintained price table fetched on request: genai-prices' data (a JSON array)
 * or LiteLLM's {@code model_prices_and_context_window.json} (a JSON object), told apart by their shape. Every entry
 * whose prices changed gets the new prices, today's date and the table as its source; entries the table confirms
 * are re-dated; the user's own edits are kept and listed; models the catalog lacks are added only on request.
 */
public final class PriceUpdate {
    public static final URI GENAI_PRICES_URL =
            URI.create("https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/data.json");
    public static final URI LITELLM_URL =
            URI.create("https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json");
    /** The source prefix the Costs page gives an edited price. */
    static final String USER_EDIT = "edited in Breakeven";
    private static final int MAX_BYTES = 32 * 1024 * 1024;
    private static final double SAME = 1e-9;

    public enum Kind { CHANGED, CONFIRMED, KEPT_YOUR_EDIT, ADDED }

    /** One entry's fate; {@code before} is null for an added model, {@code after} is the table's price. */
    public record Change(String id, Kind kind, ApiPrice before, ApiPrice after) {
    }

    public record Result(PriceCatalog catalog, List<Change> changes, String source, int tableModels) {
        public long count(Kind kind) {
            return changes.stream().filter(c -> c.kind() == kind).count();
        }
    }

    private PriceUpdate() {
    }

    /** Downloads a price table; HTTPS only, except to this machine (tests and local mirrors). */
    public static byte[] fetch(URI url, Duration timeout) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        // Decided from the name alone: no DNS lookup for a URL that is refused anyway.
        String host = url.getHost() == null ? "" : url.getHost();
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new IOException("Price tables are fetched over HTTPS only (got " + url + ").");
        }
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException(url.getHost() + " answered HTTP " + response.statusCode() + " for " + url);
            }
            if (response.body().length > MAX_BYTES) {
                throw new IOException("The price table at " + url + " is larger than " + MAX_BYTES / 1024 / 1024 + " MB.");
            }
            return response.body();
        } catch (java.net.ConnectException e) {
            throw new IOException("Cannot reach " + url.getHost() + " to fetch prices (no connection).", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while fetching " + url, e);
        }
    }

    /** Applies a fetched table (either format) to the catalog. */
    public static Result apply(PriceCatalog current, byte[] table, URI from, LocalDate today, boolean addNew)
            throws IOException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(table);
        } catch (IOException e) {
            throw new IOException("The price table from " + from + " is not JSON.", e);
        }
        List<ApiPrice> fetched;
        String source;
        if (root != null && root.isArray()) {
            source = "genai-prices data from " + from + " on " + today;
            fetched = GenaiPricesImporter.read(root, current, today, source);
        } else if (root != null && root.isObject()) {
            source = LiteLlmImporter.SOURCE + " from " + from + " on " + today;
            fetched = LiteLlmImporter.read(new ByteArrayInputStream(table), today).prices().stream()
                    .map(p -> p.withPrices(p.inputUsdPerMtok(), p.outputUsdPerMtok(), p.cachedInputUsdPerMtok(), today,
                            source)).toList();
        } else {
            throw new IOException("Neither genai-prices data nor a LiteLLM table: " + from);
        }
        return merge(current, fetched, today, addNew, source);
    }

    static Result merge(PriceCatalog current, List<ApiPrice> fetched, LocalDate today, boolean addNew, String source) {
        Map<String, ApiPrice> byKey = new HashMap<>();
        for (ApiPrice p : fetched) {
            byKey.putIfAbsent(key(p.id()), p);
        }
        List<ApiPrice> updated = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (ApiPrice old : current.prices()) {
            ApiPrice table = byKey.get(key(old.id()));
            if (table == null) {
                updated.add(old);
                continue;
            }
            used.add(key(old.id()));
            if (old.source().startsWith(USER_EDIT)) {
                updated.add(old);
                changes.add(new Change(old.id(), Kind.KEPT_YOUR_EDIT, old, table));
                continue;
            }
            boolean same = close(old.inputUsdPerMtok(), table.inputUsdPerMtok())
                    && close(old.outputUsdPerMtok(), table.outputUsdPerMtok())
                    && (old.cachedInputUsdPerMtok() == null ? table.cachedInputUsdPerMtok() == null
                    : table.cachedInputUsdPerMtok() != null && close(old.cachedInputUsdPerMtok(), table.cachedInputUsdPerMtok()));
            ApiPrice next = old.withPrices(table.inputUsdPerMtok(), table.outputUsdPerMtok(),
                    table.cachedInputUsdPerMtok(), today, table.source());
            updated.add(next);
            changes.add(new Change(old.id(), same ? Kind.CONFIRMED : Kind.CHANGED, old, next));
        }
        if (addNew) {
            for (ApiPrice p : fetched) {
                if (used.add(key(p.id()))) {
                    updated.add(p);
                    changes.add(new Change(p.id(), Kind.ADDED, null, p));
                }
            }
        }
        return new Result(new PriceCatalog(current.notes(), updated), changes, source, fetched.size());
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= SAME * Math.max(1, Math.abs(a));
    }

    /** Ids compared without case, trailing dates or "-latest", and with dots as dashes (claude-3.5 = claude-3-5). */
    static String key(String id) {
        return id.toLowerCase(Locale.ROOT).replaceAll("-(20\\d{6}|20\\d{2}-\\d{2}-\\d{2}|latest)$", "").replace('.', '-');
    }
}
