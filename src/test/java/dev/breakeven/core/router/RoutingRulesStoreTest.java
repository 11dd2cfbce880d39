package dev.breakeven.core.router;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingRulesStoreTest {
    @TempDir
    Path settings;

    @Test
    void noFileGivesTheDefaultsWithoutANote() {
        RoutingRulesStore.Loaded loaded = RoutingRulesStore.inSettings(settings).load();
        assertThat(loaded.rules()).isEqualTo(RoutingRules.defaults());
        assertThat(loaded.note()).isEmpty();
    }

    @Test
    void savedRulesComeBackEqualFromRoutingRulesJson() throws Exception {
        RoutingRules rules = new RoutingRules(750, List.of("legal", "step by step"), false, 3);
        RoutingRulesStore.inSettings(settings).save(rules);
        assertThat(settings.resolve("routing-rules.json")).exists();
        assertThat(RoutingRulesStore.inSettings(settings).load().rules()).isEqualTo(rules);
    }

    @Test
    void aCorruptFileGivesTheDefaultsAndANote() throws Exception {
        Files.writeString(settings.resolve(RoutingRulesStore.FILE_NAME), "{ \"maxLocalPromptTokens\": 12");
        RoutingRulesStore.Loaded loaded = RoutingRulesStore.inSettings(settings).load();
        assertThat(loaded.rules()).isEqualTo(RoutingRules.defaults());
        assertThat(loaded.note()).get().asString().contains("could not be read").contains("defaults");
    }

    @Test
    void aBadValueIsReportedWithTheRecordsOwnMessage() throws Exception {
        Files.writeString(settings.resolve(RoutingRulesStore.FILE_NAME), "{\"maxLocalPromptTokens\": -3}");
        RoutingRulesStore.Loaded loaded = RoutingRulesStore.inSettings(settings).load();
        assertThat(loaded.rules()).isEqualTo(RoutingRules.defaults());
        assertThat(loaded.note()).get().asString().contains("maxLocalPromptTokens must be between 0");
    }

    @Test
    void leftOutFieldsTakeDefaultsAndUnknownFieldsAreErrors() throws Exception {
        RoutingRules partial = RoutingRulesStore.parse("{\"hardPhrases\": [\"tax\"]}");
        assertThat(partial).isEqualTo(RoutingRules.defaults().withHardPhrases(List.of("tax")));
        assertThatThrownBy(() -> RoutingRulesStore.parse("{\"maxTokens\": 5}")).hasMessageContaining("maxTokens");
        assertThatThrownBy(() -> RoutingRulesStore.parse("[1]")).hasMessageContaining("JSON object");
    }
}
