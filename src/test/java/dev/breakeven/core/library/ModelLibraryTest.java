package dev.breakeven.core.library;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelLibraryTest {
    @TempDir
    Path home;

    private static final Path SHARED_TINY = dev.breakeven.core.chat.SharedModels.tinyLlama();

    private LibraryRoots roots(Path userFolder) {
        return LibraryRoots.standard(home, home.resolve("project/models"), userFolder, Map.of());
    }

    private LibraryModel only(List<LibraryModel> models, ModelOrigin origin) {
        List<LibraryModel> of = models.stream().filter(m -> m.origin() == origin).toList();
        assertThat(of).hasSize(1);
        return of.getFirst();
    }

    @Test
    void listsProjectFolderModelsWithSizesAndGroupsShards() throws Exception {
        Path models = home.resolve("project/models");
        Files.createDirectories(models);
        Files.copy(SHARED_TINY, models.resolve("llama-2-tiny-random.gguf"));
        TinyGguf.write(models.resolve("nested/qwen-0.5b-q8_0.gguf"), "qwen", 4096);
        TinyGguf.write(models.resolve("big-00001-of-00002.gguf"), "big", 1000);
        TinyGguf.write(models.resolve("big-00002-of-00002.gguf"), "big", 3000);
        Files.writeString(models.resolve("notes.txt"), "not a model");
        TinyGguf.write(models.resolve("partial.gguf.part"), "downloading", 100);

        List<LibraryModel> found = new ModelLibrary(roots(null)).scan();

        assertThat(found).extracting(LibraryModel::displayName)
                .containsExactlyInAnyOrder("llama-2-tiny-random", "qwen-0.5b-q8_0", "big");
        assertThat(found).allMatch(m -> m.origin() == ModelOrigin.PROJECT && !m.headerRead());
        LibraryModel tiny = found.stream().filter(m -> m.displayName().equals("llama-2-tiny-random")).findFirst().orElseThrow();
        assertThat(tiny.sizeBytes()).isEqualTo(Files.size(SHARED_TINY));
        LibraryModel big = found.stream().filter(m -> m.displayName().equals("big")).findFirst().orElseThrow();
        assertThat(big.shards()).isEqualTo(2);
        assertThat(big.sizeBytes()).isEqualTo(4000);
        assertThat(big.path().getFileName().toString()).isEqualTo("big-00001-of-00002.gguf");
    }

    @Test
    void findsLmStudioModelsByPublisherAndRepo() throws Exception {
        Path file = TinyGguf.write(home.resolve(".lmstudio/models/lmstudio-community/Llama-3.2-1B-Instruct-GGUF/"
                + "Llama-3.2-1B-Instruct-Q4_K_M.gguf"), "llama", 2048);
        TinyGguf.write(home.resolve(".cache/lm-studio/models/bartowski/Phi-3.5-mini-instruct-GGUF/"
                + "Phi-3.5-mini-instruct-Q5_K_M.gguf"), "phi", 1024);

        List<LibraryModel> found = new ModelLibrary(roots(null)).scan();

        assertThat(found).hasSize(2).allMatch(m -> m.origin() == ModelOrigin.LM_STUDIO);
        LibraryModel llama = found.getFirst();
        assertThat(llama.path()).isEqualTo(file);
        assertThat(llama.displayName()).isEqualTo("Llama-3.2-1B-Instruct-Q4_K_M");
        assertThat(llama.repository()).isEqualTo("lmstudio-community/Llama-3.2-1B-Instruct-GGUF");
        assertThat(found.get(1).repository()).isEqualTo("bartowski/Phi-3.5-mini-instruct-GGUF");
    }

    @Test
    void findsOllamaModelBlobsThroughTheirManifests() throws Exception {
        Path ollama = home.resolve(".ollama/models");
        Path staging = TinyGguf.write(home.resolve("staging.bin"), "llama3.2", 3000);
        String digest = TinyGguf.sha256(staging);
        Path blob = Files.createDirectories(ollama.resolve("blobs")).resolve("sha256-" + digest);
        Files.move(staging, blob);
        Path template = ollama.resolve("blobs/sha256-" + "a".repeat(64));
        Files.writeString(template, "{{ .Prompt }}");
        String manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"sha256:%s","size":485},
                 "layers":[
                  {"mediaType":"application/vnd.ollama.image.model","digest":"sha256:%s","size":3000},
                  {"mediaType":"application/vnd.ollama.image.template","digest":"sha256:%s","size":13}]}
                """.formatted("b".repeat(64), digest, "a".repeat(64));
        Path library = Files.createDirectories(ollama.resolve("manifests/registry.ollama.ai/library/llama3.2"));
        Files.writeString(library.resolve("1b"), manifest);
        // A tag whose blob was pruned, and a manifest that is not JSON: both skipped quietly.
        Files.writeString(library.resolve("3b"), manifest.replace(digest, "c".repeat(64)));
        Files.writeString(library.resolve("broken"), "{not json");
        // A model pulled from Hugging Face through Ollama shares the same blob: listed once.
        Path hfDir = Files.createDirectories(ollama.resolve("manifests/hf.co/bartowski/Llama-3.2-1B-GGUF"));
        Files.writeString(hfDir.resolve("Q4_K_M"), manifest);

        List<LibraryModel> found = new ModelLibrary(roots(null)).scan();

        LibraryModel model = only(found, ModelOrigin.OLLAMA);
        assertThat(model.displayName()).isEqualTo("llama3.2:1b");
        assertThat(model.path()).isEqualTo(blob);
        assertThat(model.sizeBytes()).isEqualTo(3000);
        assertThat(model.repository()).isEqualTo("registry.ollama.ai/library/llama3.2");
    }

    @Test
    void findsHuggingFaceCacheSnapshotsThroughTheirBlobLinksOnce() throws Exception {
        Path repo = home.resolve(".cache/huggingface/hub/models--TheBloke--TinyLlama-1.1B-Chat-v1.0-GGUF");
        Path blob = Files.createDirectories(repo.resolve("blobs")).resolve("9fecc3b3cd76bba89d504f29b616eedf7da85b96540e490ca5824d3f7d2776a0");
        Files.copy(SHARED_TINY, blob);
        for (String revision : List.of("52e7645ba7c309695bec7ac98f4f005b139cf465", "0123456789abcdef0123456789abcdef01234567")) {
            Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve(revision));
            Files.createSymbolicLink(snapshot.resolve("tinyllama-1.1b-chat-v1.0.Q2_K.gguf"),
                    Path.of("../../blobs").resolve(blob.getFileName()));
        }
        Files.createDirectories(home.resolve(".cache/huggingface/hub/datasets--x--y/snapshots/r"));

        List<LibraryModel> found = new ModelLibrary(roots(null)).scan();

        LibraryModel model = only(found, ModelOrigin.HUGGING_FACE);
        assertThat(model.repository()).isEqualTo("TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF");
        assertThat(model.displayName()).isEqualTo("tinyllama-1.1b-chat-v1.0.Q2_K");
        assertThat(model.sizeBytes()).isEqualTo(Files.size(SHARED_TINY));
        assertThat(Files.isSymbolicLink(model.path())).isTrue();
    }

    @Test
    void symlinkLoopsDoNotTrapTheScanAndLinkedFilesAreListedOnce() throws Exception {
        Path user = Files.createDirectories(home.resolve("my-models"));
        Path model = TinyGguf.write(user.resolve("a/model.gguf"), "m", 512);
        Files.createSymbolicLink(user.resolve("a/loop"), user);
        Files.createSymbolicLink(user.resolve("a/self"), Path.of("."));
        Files.createSymbolicLink(user.resolve("alias.gguf"), model);
        Files.createSymbolicLink(user.resolve("dangling.gguf"), user.resolve("gone.gguf"));

        long start = System.nanoTime();
        List<LibraryModel> found = new ModelLibrary(roots(user)).scan();

        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
        LibraryModel only = only(found, ModelOrigin.USER_FOLDER);
        assertThat(only.sizeBytes()).isEqualTo(512);
    }

    @Test
    void absentFoldersListNothing() {
        assertThat(new ModelLibrary(roots(home.resolve("nope"))).scan()).isEmpty();
    }

    @Test
    void standardRootsHonourTheToolsEnvironmentVariables() {
        LibraryRoots roots = LibraryRoots.standard(home, home.resolve("models"), null,
                Map.of("OLLAMA_MODELS", "/data/ollama", "HF_HOME", "/data/hf"));
        assertThat(roots.ollama()).first().isEqualTo(Path.of("/data/ollama"));
        assertThat(roots.ollama()).contains(home.resolve(".ollama/models"));
        assertThat(roots.huggingFace()).containsExactly(Path.of("/data/hf/hub"), home.resolve(".cache/huggingface/hub"));
        assertThat(roots.lmStudio()).containsExactly(home.resolve(".lmstudio/models"), home.resolve(".cache/lm-studio/models"));
    }
}
