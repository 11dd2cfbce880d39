package dev.breakeven.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.io.Json;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Prints a value as JSON for {@code --json}: the shape scripts and tests rely on. */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = Json.mapper();

    private JsonOutput() {
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
