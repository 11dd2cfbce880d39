package dev.breakeven.core.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a sample of prompts, one per line. A plain line is a prompt. A line starting with '{' is a JSON object
 * (JSONL): {@code prompt} (or {@code text}) is the prompt, optional {@code turns} the earlier messages in its
 * conversation, optional {@code tokens} a tokenizer's count. Blank lines are skipped.
 */
public final class PromptSample {
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final Set<String> FIELDS = Set.of("prompt", "text", "turns", "tokens");
    /** A sample is for a quick look, not a data set; beyond this it is probably the wrong file. */
    public static final int MAX_PROMPTS = 100_000;

    private PromptSample() {
    }

    /** The requests in a text; bad lines are reported with their line number. */
    public static List<RouteRequest> parse(String text) throws SampleException {
        List<RouteRequest> requests = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            if (requests.size() >= MAX_PROMPTS) {
                throw new SampleException("more than " + MAX_PROMPTS + " prompts; use a smaller sample");
            }
            requests.add(line.startsWith("{") ? jsonLine(line, i + 1) : RouteRequest.of(line));
        }
        return requests;
    }

    public static List<RouteRequest> read(Path file) throws SampleException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return parse(text);
        } catch (CharacterCodingException e) {
            throw new SampleException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new SampleException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static RouteRequest jsonLine(String line, int number) throws SampleException {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new SampleException("line " + number + ": not valid JSON");
        }
        if (!node.isObject()) {
            throw new SampleException("line " + number + ": expected a JSON object");
        }
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new SampleException("line " + number + ": unknown field \"" + field
                        + "\" (expected prompt or text, turns, tokens)");
            }
        }
        JsonNode prompt = node.has("prompt") ? node.get("prompt") : node.get("text");
        if (prompt == null || !prompt.isTextual()) {
            throw new SampleException("line " + number + ": needs a \"prompt\" string");
        }
        int turns = count(node, "turns", number);
        Integer tokens = node.has("tokens") ? count(node, "tokens", number) : null;
        return new RouteRequest(prompt.asText(), turns, tokens);
    }

    private static int count(JsonNode node, String field, int number) throws SampleException {
        JsonNode v = node.get(field);
        if (v == null) {
            return 0;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
            throw new SampleException("line " + number + ": \"" + field + "\" must be a whole number ≥ 0");
        }
        return v.asInt();
    }

    /** A sample that cannot be used, with a message fit to show as is. */
    public static final class SampleException extends Exception {
        public SampleException(String message) {
            super(message);
        }
    }
}
