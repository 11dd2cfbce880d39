package dev.breakeven.cli;

import dev.breakeven.core.fit.GgufModel;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;

/** Reads a GGUF file into a plan subject; a bad file is a one-line error. */
final class GgufSubject {
    private GgufSubject() {
    }

    static PlanSubject read(CommandLine cli, Path path) {
        try {
            GgufModel model = GgufModel.read(path);
            return new PlanSubject(model.label(), model.shape(), model.weights());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, e.getMessage());
        }
    }
}
