package dev.breakeven.core.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The bundled scenarios, each an ordinary scenario file under resources so the loader is exercised on them. */
public final class ScenarioPresets {
    public static final String RULE_OF_THUMB = "rule-of-thumb-2026";
    public static final List<String> IDS = List.of(RULE_OF_THUMB, "individual-offline", "buyer-comparing-cards",
            "consultancy-team-20");

    private ScenarioPresets() {
    }

    public static Scenario load(String id) {
        String resource = "/dev/breakeven/cost/presets/" + id + ".json";
        try (InputStream in = ScenarioPresets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no preset " + id);
            }
            return ScenarioIo.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ScenarioException e) {
            throw new IllegalStateException("bundled preset " + id + " is broken: " + e.getMessage(), e);
        }
    }

    public static List<Scenario> all() {
        List<Scenario> list = new ArrayList<>();
        IDS.forEach(id -> list.add(load(id)));
        return list;
    }
}
