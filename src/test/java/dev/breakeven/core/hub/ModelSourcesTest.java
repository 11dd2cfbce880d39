package dev.breakeven.core.hub;

import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.QuantCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelSourcesTest {
    @Test
    void everyCatalogModelHasAGgufSourceForItsCommonQuant() {
        ModelSources sources = ModelSources.load();
        assertThat(sources.checked()).matches("\\d{4}-\\d{2}-\\d{2}");
        for (CatalogModel model : ModelCatalog.load().models()) {
            if (model.id().equals("qwen3-235b-a22b")) {
                continue; // every quant of it is split into folders; the Models page lists them
            }
            if (model.id().equals("mistral-small-3.1-24b")) {
                continue; // no GGUF repository and file for it could be confirmed on 2026-12-07, so none is offered
            }
            boolean any = QuantCatalog.load().quants().stream()
                    .anyMatch(q -> sources.find(model.id(), q.id()).isPresent());
            assertThat(any).as(model.id()).isTrue();
        }
    }

    @Test
    void theDataFileNamesOnlyKnownModelsAndQuants() {
        ModelSources sources = ModelSources.load();
        for (String id : sources.models()) {
            assertThat(ModelCatalog.load().find(id)).as(id).isPresent();
        }
    }

    @Test
    void aLinkIsTheRepositoryAndTheFileAtThatQuant() {
        ModelSources.Link link = ModelSources.load().find("llama-3.1-8b", "Q4_K_M").orElseThrow();
        assertThat(link.hfArgument())
                .isEqualTo("bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf");
        assertThat(link.source()).startsWith("https://huggingface.co/");
        assertThat(ModelSources.load().find("gpt-oss-20b", "MXFP4").orElseThrow().file()).isEqualTo("gpt-oss-20b-mxfp4.gguf");
        assertThat(ModelSources.load().find("qwen3-8b", "Q2_K")).isEmpty();
        assertThat(HubModelFile.quantOf(link.file())).isEqualTo("Q4_K_M");
    }

    @Test
    void fileNamesKeepEachPublishersCase() {
        // TheBloke writes the quant in upper case after a dot; bartowski's F16 is a lower-case "-f16" file, so it is not listed
        assertThat(ModelSources.load().find("llama-2-7b", "Q4_K_M").orElseThrow().file()).isEqualTo("llama-2-7b.Q4_K_M.gguf");
        assertThat(ModelSources.load().find("llama-3.2-1b", "F16")).isEmpty();
        assertThat(ModelSources.load().find("qwen3-8b", "Q4_K_M").orElseThrow().hfArgument())
                .isEqualTo("bartowski/Qwen_Qwen3-8B-GGUF:Qwen_Qwen3-8B-Q4_K_M.gguf");
        assertThat(ModelSources.load().find("mistral-small-3.1-24b", "Q4_K_M")).isEmpty();
    }
}
