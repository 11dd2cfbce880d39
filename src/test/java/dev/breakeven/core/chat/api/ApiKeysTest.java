package dev.breakeven.core.chat.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {
    @TempDir
    Path settings;

    @Test
    void theEnvironmentComesFirstThenTheKeyFile() throws Exception {
        ApiKeys none = new ApiKeys(Map.<String, String>of()::get, settings);
        assertThat(none.key(ApiProvider.OPENAI)).isEmpty();
        assertThatThrownBy(() -> none.require(ApiProvider.GROQ)).hasMessageContaining("GROQ_API_KEY")
                .hasMessageContaining("chmod 600");

        none.save(ApiProvider.OPENAI, "sk-from-file");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(none.file()))).isEqualTo("rw-------");
        assertThat(none.key(ApiProvider.OPENAI).orElseThrow().origin()).startsWith("key file");
        assertThat(none.key(ApiProvider.OPENAI).orElseThrow().reveal()).isEqualTo("sk-from-file");

        ApiKeys env = new ApiKeys(Map.of("OPENAI_API_KEY", "sk-from-env", "OPENAI_BASE_URL", "http://proxy:9/v1/")::get,
                settings);
        assertThat(env.key(ApiProvider.OPENAI).orElseThrow().reveal()).isEqualTo("sk-from-env");
        assertThat(env.key(ApiProvider.OPENAI).orElseThrow().origin()).isEqualTo("environment variable OPENAI_API_KEY");
        assertThat(env.baseUrl(ApiProvider.OPENAI, null)).hasToString("http://proxy:9/v1");
        assertThat(env.baseUrl(ApiProvider.OPENAI, "http://x:1/v1")).hasToString("http://x:1/v1");
        assertThat(env.baseUrl(ApiProvider.ANTHROPIC, null)).hasToString("https://api.anthropic.com");
        assertThat(env.configured()).containsOnlyKeys(ApiProvider.OPENAI);
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedWithTheFix() throws Exception {
        ApiKeys keys = new ApiKeys(Map.<String, String>of()::get, settings);
        keys.save(ApiProvider.ANTHROPIC, "sk-ant");
        Files.setPosixFilePermissions(keys.file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> keys.key(ApiProvider.ANTHROPIC)).hasMessageContaining("others can read it")
                .hasMessageContaining("chmod 600 " + keys.file());
    }

    @Test
    void savingKeepsOtherProvidersKeys() throws Exception {
        ApiKeys keys = new ApiKeys(Map.<String, String>of()::get, settings);
        keys.save(ApiProvider.ANTHROPIC, "a");
        keys.save(ApiProvider.GROQ, "g");
        assertThat(keys.configured()).containsOnlyKeys(ApiProvider.ANTHROPIC, ApiProvider.GROQ);
        assertThatThrownBy(() -> keys.save(ApiProvider.GROQ, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void targetsParseWithModelsThatHaveSlashes() {
        assertThat(ApiTarget.parse("openrouter/anthropic/claude-sonnet-4.5").model()).isEqualTo("anthropic/claude-sonnet-4.5");
        assertThatThrownBy(() -> ApiTarget.parse("gpt-5")).hasMessageContaining("PROVIDER/MODEL");
        assertThatThrownBy(() -> ApiTarget.parse("acme/x")).hasMessageContaining("unknown API provider 'acme'");
    }
}
