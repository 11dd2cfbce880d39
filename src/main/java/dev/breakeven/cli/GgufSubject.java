package dev.breakeven.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;

/** Reads a GGUF file into a plan subject. */
final class GgufSubject {
    private GgufSubject() {
    }

    static PlanSubject read(CommandLine cli, Path path) {
        throw new ParameterException(cli, "--gguf needs the GGUF shape reader, which is not merged yet; use --model");
    }
}
