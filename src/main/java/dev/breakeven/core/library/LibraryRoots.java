package dev.breakeven.core.library;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The folders the library scans. Everything is a parameter so tests can build the real layouts of
 * LM Studio, Ollama and the Hugging Face cache under a temporary folder.
 *
 * @param projectModels the project's {@code models/} folder
 * @param userFolder    a folder the user chose in settings, or null
 * @param lmStudio      LM Studio model roots ({@code publisher/repo/file.gguf} below each)
 * @param ollama        Ollama model roots ({@code manifests/} and {@code blobs/} below each)
 * @param huggingFace   Hugging Face hub caches ({@code models--org--repo/snapshots/rev/...} below each)
 */
public record LibraryRoots(Path projectModels, Path userFolder, List<Path> lmStudio, List<Path> ollama,
                           List<Path> huggingFace) {

    public LibraryRoots {
        lmStudio = List.copyOf(lmStudio);
        ollama = List.copyOf(ollama);
        huggingFace = List.copyOf(huggingFace);
    }

    /**
     * The usual places for a user's home, honouring the tools' own variables: {@code OLLAMA_MODELS},
     * {@code HF_HUB_CACHE} and {@code HF_HOME}.
     */
    public static LibraryRoots standard(Path home, Path projectModels, Path userFolder, Map<String, String> env) {
        List<Path> lmStudio = List.of(home.resolve(".lmstudio/models"), home.resolve(".cache/lm-studio/models"));

        List<Path> ollama = new ArrayList<>();
        if (present(env.get("OLLAMA_MODELS"))) {
            ollama.add(Path.of(env.get("OLLAMA_MODELS")));
        }
        ollama.add(home.resolve(".ollama/models"));
        // The Linux install script runs Ollama as its own user with its models here.
        ollama.add(Path.of("/usr/share/ollama/.ollama/models"));

        List<Path> hf = new ArrayList<>();
        if (present(env.get("HF_HUB_CACHE"))) {
            hf.add(Path.of(env.get("HF_HUB_CACHE")));
        } else if (present(env.get("HF_HOME"))) {
            hf.add(Path.of(env.get("HF_HOME")).resolve("hub"));
        }
        hf.add(home.resolve(".cache/huggingface/hub"));
        return new LibraryRoots(projectModels, userFolder, lmStudio, ollama, hf);
    }

    /** The same roots with another user folder (null for none). */
    public LibraryRoots withUserFolder(Path folder) {
        return new LibraryRoots(projectModels, folder, lmStudio, ollama, huggingFace);
    }

    public static LibraryRoots forCurrentUser(Path projectModels, Path userFolder) {
        return standard(Path.of(System.getProperty("user.home")), projectModels, userFolder, System.getenv());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
