package dev.breakeven.ui.hybrid;

import dev.breakeven.core.chat.HybridChatEngine;
import dev.breakeven.core.chat.api.ApiKeys;
import dev.breakeven.core.chat.api.ApiProvider;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.testing.FakeProvider;
import dev.breakeven.testing.FakeProvider.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Hybrid page's "Ask" section against loopback providers; work runs inline so the test sees each step. */
class AskViewModelTest {
    static final String KEY = "sk-ask-KNOWN-1357";

    @TempDir
    Path settings;

    private AskViewModel model(FakeProvider api) {
        AskViewModel m = new AskViewModel(new ApiKeys(Map.<String, String>of()::get, settings), PriceCatalog::bundled,
                RoutingRules::defaults, Runnable::run, Runnable::run);
        m.targetProperty().set("openai/gpt-4o-mini");
        m.baseUrlProperty().set(api.baseUrl());
        return m;
    }

    @Test
    void aKeySavedFromThePageIsOwnerOnlyAndNeverShown() throws Exception {
        try (FakeProvider api = new FakeProvider()) {
            AskViewModel m = model(api);
            assertThat(m.keyStatusProperty().get()).contains("No API key yet");
            m.keyProperty().set(KEY);
            m.saveKey();
            assertThat(m.keyProperty().get()).isEmpty();
            Path file = settings.resolve(ApiKeys.FILE_NAME);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(m.keyStatusProperty().get()).contains("openai").doesNotContain(KEY);

            m.promptProperty().set("What is the capital of France?");
            m.send();
            assertThat(m.transcriptProperty().get()).contains("You: What is the capital of France?")
                    .contains(FakeProvider.ANSWER);
            assertThat(m.turnTextProperty().get()).startsWith("API").contains("1200 in / 8 out tokens").contains("$");
            assertThat(m.totals().get("API").turns()).isEqualTo(1);
            assertThat(m.totals().get("API").costUsd()).isPositive();
            assertThat(api.seen().getFirst().header("Authorization")).isEqualTo("Bearer " + KEY);
        }
    }

    @Test
    void hybridTurnsShowTheirRouteAndTotalsPerRouteAndAFailureKeepsTheTurn() throws Exception {
        try (FakeProvider api = new FakeProvider(); FakeProvider local = new FakeProvider()) {
            new ApiKeys(Map.<String, String>of()::get, settings).save(ApiProvider.OPENAI, KEY);
            AskViewModel m = model(api);
            m.localUrlProperty().set(local.rootUrl());
            m.fallbackProperty().set(false);

            m.promptProperty().set("hello");
            m.send();
            assertThat(m.turnTextProperty().get()).startsWith("Local").contains("no API cost");
            m.promptProperty().set("Prove that there are infinitely many primes");
            m.send();
            assertThat(m.turnTextProperty().get()).startsWith("API").contains("mentions \"prove\"");
            assertThat(m.totalsTextProperty().get()).contains("Local: 1 turn,").contains("API: 1 turn,");
            assertThat(api.seen().getLast().body()).as("the conversation so far goes with the turn").contains("hello");

            api.then(Mode.RATE_LIMITED);
            m.overrideProperty().set(HybridChatEngine.RouteOverride.ALWAYS_API);
            m.promptProperty().set("and once more");
            m.send();
            assertThat(m.errorProperty().get()).contains("HTTP 429").contains("30 s");
            assertThat(m.transcriptProperty().get()).contains("You: and once more").contains("[").contains("HTTP 429");
            assertThat(m.runningProperty().get()).isFalse();

            api.then(Mode.SERVER_ERROR);
            m.fallbackProperty().set(true);
            m.promptProperty().set("one more");
            m.send();
            assertThat(m.turnTextProperty().get()).startsWith("Local (API failed)");
        }
    }

    @Test
    void aBadTargetOrMissingKeySaysWhatToDo() throws Exception {
        try (FakeProvider api = new FakeProvider()) {
            AskViewModel m = model(api);
            m.targetProperty().set("gpt-5");
            m.promptProperty().set("hi");
            m.send();
            assertThat(m.errorProperty().get()).contains("PROVIDER/MODEL");
            m.targetProperty().set("groq/llama-3.1-8b-instant");
            m.send();
            assertThat(m.errorProperty().get()).contains("GROQ_API_KEY");
            assertThat(api.seen()).isEmpty();
        }
    }
}
