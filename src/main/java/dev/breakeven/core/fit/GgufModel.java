package dev.breakeven.core.fit;

import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufFormatException;
import dev.breakeven.core.gguf.GgufModelShapes;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.models.ModelShape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A GGUF file ready to plan: its name, shape and exact weight layout, from the header alone. */
public record GgufModel(String label, Path path, ModelShape shape, ModelWeights weights) {

    /**
     * Reads the header of {@code path}.
     *
     * @throws IllegalArgumentException with a message a user understands when the file is missing, unreadable
     *                                  or not a usable GGUF model
     */
    public static GgufModel read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no GGUF file at " + path);
        }
        try {
            GgufFile file = GgufReader.read(path);
            ModelShape shape = GgufModelShapes.from(file);
            String name = file.string("general.name").filter(s -> !s.isBlank())
                    .orElse(path.getFileName().toString().replaceFirst("(?i)\\.gguf$", ""));
            return new GgufModel(name, path, shape, GgufWeights.of(file, shape.blockCount(), name));
        } catch (GgufFormatException e) {
            throw new IllegalArgumentException(path.getFileName() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
