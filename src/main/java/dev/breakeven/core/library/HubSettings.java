package dev.breakeven.core.library;

import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Hub address the user chose (a mirror, a company proxy), stored as {@value #FILE_NAME} in the settings folder.
 * Precedence: an explicit address (a command's {@code --hub-url}), then {@code HF_ENDPOINT} as the Hugging Face
 * tools read it, then this setting, then huggingface.co.
 *
 * @param baseUrl the Hub's address, or null for the default
 */
public record HubSettings(String baseUrl) {
    public static final String FILE_NAME = "hub.json";

    public static HubSettings load(Path settingsDir) {
        Path file = settingsDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return new HubSettings(null);
        }
        try {
            return Json.mapper().readValue(file.toFile(), HubSettings.class);
        } catch (IOException | RuntimeException e) {
            return new HubSettings(null);
        }
    }

    public void save(Path settingsDir) throws IOException {
        AtomicFiles.write(settingsDir.resolve(FILE_NAME), Json.mapper().writeValueAsBytes(this));
    }

    /**
     * The endpoint to use: {@code explicit} if given, else {@code HF_ENDPOINT}, else the saved address, else
     * huggingface.co; the token from {@code HF_TOKEN} or the key file.
     */
    public static HubEndpoint endpoint(String explicit, Map<String, String> env, Path settingsDir) {
        HubEndpoint fromEnv = HubEndpoint.fromEnvironment(env, settingsDir);
        String chosen = present(explicit) ? explicit
                : present(env.get("HF_ENDPOINT")) ? env.get("HF_ENDPOINT")
                : load(settingsDir).baseUrl();
        return present(chosen) ? new HubEndpoint(URI.create(chosen.strip()), fromEnv.token()) : fromEnv;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
