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
            // A shard "x-00001-of-0000N.gguf" plans the whole model: every shard's tensors together.
            GgufModel model = dev.breakeven.core.hub.RemoteGguf.readLocal(path);
            return new PlanSubject(model.label(), model.shape(), model.weights());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, e.getMessage());
        }
    }
}
