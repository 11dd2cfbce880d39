package dev.breakeven.core.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Saves and loads scenario files, turning every way a file can be wrong into one clear sentence. */
public final class ScenarioIo {
    private static final ObjectMapper MAPPER = Json.mapper();

    private ScenarioIo() {
    }

    public static void save(Scenario scenario, Path file) throws IOException {
        AtomicFiles.write(file, toJson(scenario).getBytes(StandardCharsets.UTF_8));
    }

    public static String toJson(Scenario scenario) {
        try {
            return MAPPER.writeValueAsString(scenario);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scenario always serialises", e);
        }
    }

    public static Scenario load(Path file) throws ScenarioException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new ScenarioException("no such scenario file: " + file);
        } catch (IOException e) {
            throw new ScenarioException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and checks a scenario: JSON syntax, schema version, known fields, numbers in range. */
    public static Scenario parse(String json) throws ScenarioException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ScenarioException("not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new ScenarioException("not a scenario: expected a JSON object");
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new ScenarioException("not a Breakeven scenario: no numeric schemaVersion");
        }
        int v = version.intValue();
        if (v < 1) {
            throw new ScenarioException("schemaVersion " + v + " is older than any Breakeven release can read");
        }
        if (v > Scenario.CURRENT_SCHEMA) {
            throw new ScenarioException("this scenario was saved by a newer Breakeven (schemaVersion " + v
                    + "); this version reads schemaVersion " + Scenario.CURRENT_SCHEMA + ". Update Breakeven to open it.");
        }
        Scenario scenario;
        try {
            scenario = MAPPER.treeToValue(tree, Scenario.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ScenarioException("unknown field '" + e.getPropertyName() + "' at " + path(e));
        } catch (JsonMappingException e) {
            Throwable root = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String message = root == e ? e.getOriginalMessage() : root.getMessage();
            throw new ScenarioException("bad value at " + path(e) + ": " + message);
        } catch (JsonProcessingException e) {
            throw new ScenarioException("cannot read scenario: " + e.getOriginalMessage());
        }
        var problems = InputValidator.validate(scenario.toInputs(PriceCatalog.bundled()));
        if (!problems.isEmpty()) {
            throw new ScenarioException("the scenario's numbers are not usable: "
                    + problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
        }
        return scenario;
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return p.isEmpty() ? "top level" : p;
    }
}
