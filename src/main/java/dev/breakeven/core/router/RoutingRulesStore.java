package dev.breakeven.core.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and writes routing-rules.json; a damaged file gives the default rules and a note, never a crash. */
public final class RoutingRulesStore {
    public static final String FILE_NAME = "routing-rules.json";
    private static final ObjectMapper MAPPER = Json.mapper();

    private final Path file;

    private RoutingRulesStore(Path file) {
        this.file = file;
    }

    /** The user's rules in a settings folder ({@code AppDirs.settings()}). */
    public static RoutingRulesStore inSettings(Path settingsDir) {
        return new RoutingRulesStore(settingsDir.resolve(FILE_NAME));
    }

    /** Rules kept in exactly this file (the CLI's --rules). */
    public static RoutingRulesStore atFile(Path file) {
        return new RoutingRulesStore(file);
    }

    public Path file() {
        return file;
    }

    /** The saved rules; the defaults when there is no file; the defaults and a note when the file is unusable. */
    public Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(RoutingRules.defaults(), Optional.empty());
        }
        try {
            RoutingRules read = parse(Files.readString(file));
            return new Loaded(read, Optional.empty());
        } catch (IOException | RuntimeException e) {
            return new Loaded(RoutingRules.defaults(), Optional.of("The routing rules in " + file
                    + " could not be read, so the defaults are used: " + firstLine(e)));
        }
    }

    /**
     * Strict parse for when the caller wants the error (the CLI): unknown fields and bad values are errors,
     * left-out fields take their defaults so a hand-written file may hold only what it changes.
     */
    public static RoutingRules parse(String json) throws IOException {
        JsonNode tree = MAPPER.readTree(json);
        if (!(tree instanceof ObjectNode given)) {
            throw new IOException("expected a JSON object of routing rules");
        }
        ObjectNode full = MAPPER.valueToTree(RoutingRules.defaults());
        full.setAll(given);
        return MAPPER.treeToValue(full, RoutingRules.class);
    }

    public void save(RoutingRules rules) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(rules));
    }

    static String firstLine(Exception e) {
        Throwable t = e;
        // Jackson wraps the record constructor's own message; that message is the useful one.
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : e.getMessage();
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("unreadable");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    public record Loaded(RoutingRules rules, Optional<String> note) {
    }
}
