package dev.breakeven.core.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The API models the app can price against, from the bundled catalog, an import, or edits. */
public record PriceCatalog(String notes, List<ApiPrice> prices) {
    public static final String RESOURCE = "/dev/breakeven/catalog/api-prices.json";
    /** The user's saved catalog (edits, imports, updates) in the data folder. */
    public static final String USER_FILE = "api-prices.json";
    /** Prices change every few months; older than this and the app says so. */
    public static final int STALE_AFTER_DAYS = 90;

    public PriceCatalog {
        prices = List.copyOf(prices);
        notes = notes == null ? "" : notes;
    }

    public static PriceCatalog bundled() {
        return Json.resource(RESOURCE, PriceCatalog.class);
    }

    public static PriceCatalog read(InputStream in) throws IOException {
        ObjectMapper mapper = Json.mapper();
        return mapper.readValue(in, PriceCatalog.class);
    }

    /**
     * The bundled catalog with the user's saved entries (edits and imports) over it: same-id entries replaced,
     * so a newer app's bundled models still appear.
     */
    public static PriceCatalog userOrBundled(java.nio.file.Path file) {
        if (file != null && java.nio.file.Files.isRegularFile(file)) {
            try (InputStream in = java.nio.file.Files.newInputStream(file)) {
                return bundled().mergedWith(read(in).prices());
            } catch (IOException | RuntimeException e) {
                // A damaged user file must not stop the page: fall back to the bundled prices.
                return bundled();
            }
        }
        return bundled();
    }

    public void save(java.nio.file.Path file) throws IOException {
        dev.breakeven.core.io.AtomicFiles.write(file, Json.mapper().writeValueAsBytes(this));
    }

    public Optional<ApiPrice> find(String id) {
        return prices.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** This catalog with entries of the other replacing same-id ones and new ones appended. */
    public PriceCatalog mergedWith(List<ApiPrice> others) {
        Map<String, ApiPrice> byId = new LinkedHashMap<>();
        prices.forEach(p -> byId.put(p.id(), p));
        others.forEach(p -> byId.put(p.id(), p));
        return new PriceCatalog(notes, new ArrayList<>(byId.values()));
    }

    public PriceCatalog replacing(ApiPrice edited) {
        return mergedWith(List.of(edited));
    }

    /** The entries checked more than {@link #STALE_AFTER_DAYS} days before {@code today}, oldest first. */
    public List<ApiPrice> stale(LocalDate today) {
        return prices.stream()
                .filter(p -> ChronoUnit.DAYS.between(p.checkedOn(), today) > STALE_AFTER_DAYS)
                .sorted(Comparator.comparing(ApiPrice::checkedOn))
                .toList();
    }

    /** A sentence for the page and the report, or empty when every price is recent. */
    public Optional<String> stalenessWarning(LocalDate today) {
        List<ApiPrice> old = stale(today);
        if (old.isEmpty()) {
            return Optional.empty();
        }
        LocalDate oldest = old.getFirst().checkedOn();
        long days = ChronoUnit.DAYS.between(oldest, today);
        return Optional.of(old.size() + " of " + prices.size() + " API prices were checked more than "
                + STALE_AFTER_DAYS + " days ago (oldest " + oldest + ", " + days
                + " days). Prices change often: check the provider's page, edit them, or import a newer LiteLLM table.");
    }
}
