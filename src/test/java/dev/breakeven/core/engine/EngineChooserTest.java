package dev.breakeven.core.engine;

import dev.breakeven.core.chat.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine for a model, from its architecture and what is installed; the user's choice per model. */
class EngineChooserTest {
    @TempDir
    Path home;

    private final EngineChooser withRuntime = new EngineChooser(LlamaServerLocator.at(SharedModels.llamaServer()), false);
    private final EngineChooser builtinOnly = new EngineChooser(LlamaServerLocator.none(), false);

    @Test
    void aRuntimeIsPreferredAndTheBuiltinHostRunsWhatItsLlamaCppKnows() {
        EngineChoice llama = withRuntime.choose(SharedModels.tinyLlama(), Optional.empty());
        assertThat(llama.architecture()).isEqualTo("llama");
        assertThat(llama.chosen()).contains(EngineKind.RUNTIME);
        assertThat(llama.option(EngineKind.BUILTIN).orElseThrow().canRun()).isTrue();
        assertThat(builtinOnly.choose(SharedModels.tinyLlama(), Optional.empty()).chosen()).contains(EngineKind.BUILTIN);
    }

    @Test
    void newerArchitecturesNeedTheRuntimeAndWithoutOneTheMessageSaysWhatToInstall() {
        for (String newer : new String[] {"qwen3", "qwen3moe", "gpt-oss", "llama4"}) {
            assertThat(withRuntime.choose(newer, Optional.empty()).chosen()).as(newer).contains(EngineKind.RUNTIME);
            EngineChoice none = builtinOnly.choose(newer, Optional.empty());
            assertThat(none.chosen()).as(newer).isEmpty();
            assertThat(none.problem()).contains("'" + newer + "'", "not in the bundled llama.cpp b4916",
                    "install a current llama.cpp runtime");
            assertThat(none.describe()).startsWith("none: no engine here can run");
        }
    }

    @Test
    void theUsersChoiceWinsWhenThatEngineCanRunTheModel() throws Exception {
        EngineOverrides overrides = new EngineOverrides(home);
        Path model = SharedModels.tinyLlama();
        overrides.set(model, Optional.of(EngineKind.BUILTIN));
        EngineChoice chosen = withRuntime.choose(model, overrides.get(model));
        assertThat(chosen.chosen()).contains(EngineKind.BUILTIN);
        assertThat(chosen.describe()).isEqualTo("builtin (your choice)");
        assertThat(withRuntime.choose("qwen3", Optional.of(EngineKind.BUILTIN)).chosen())
                .as("an impossible choice falls back to an engine that can").contains(EngineKind.RUNTIME);
        overrides.set(model, Optional.empty());
        assertThat(overrides.get(model)).isEmpty();
        Files.writeString(home.resolve("engines.json"), "{ not json");
        assertThat(overrides.get(model)).as("a damaged file means the best engine").isEmpty();
    }

    @Test
    void aFileThatIsNotAModelSaysSo() throws Exception {
        Path junk = Files.writeString(home.resolve("junk.gguf"), "words");
        EngineChoice choice = withRuntime.choose(junk, Optional.empty());
        assertThat(choice.chosen()).isEmpty();
        assertThat(choice.problem()).startsWith("junk.gguf cannot be read as a GGUF model");
    }
}
