package dev.breakeven.cli;

import dev.breakeven.core.fit.ModelWeights;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.ModelShape;
import dev.breakeven.core.models.Quant;
import dev.breakeven.core.models.QuantCatalog;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** What {@code fit} plans: a GGUF file read from its header, or a catalog model at a quant. */
record PlanSubject(String label, ModelShape shape, ModelWeights weights) {

    static PlanSubject resolve(CommandLine cli, Path gguf, String model, String quant) {
        if ((gguf == null) == (model == null)) {
            throw new ParameterException(cli, "give either --gguf PATH or --model CATALOG_ID");
        }
        if (gguf != null) {
            if (quant != null) {
                throw new ParameterException(cli, "--quant applies to --model; a GGUF file has its own types");
            }
            return GgufSubject.read(cli, gguf);
        }
        if (quant == null) {
            throw new ParameterException(cli, "--model needs --quant, e.g. --quant Q4_K_M");
        }
        ModelCatalog models = ModelCatalog.load();
        QuantCatalog quants = QuantCatalog.load();
        CatalogModel m = models.find(model).orElseThrow(() -> new ParameterException(cli,
                "no model '" + model + "' in the catalog; known: "
                        + models.models().stream().map(CatalogModel::id).collect(Collectors.joining(", "))));
        Quant q = quants.find(quant).orElseThrow(() -> new ParameterException(cli,
                "unknown quant '" + quant + "'; known: "
                        + quants.quants().stream().map(Quant::id).collect(Collectors.joining(", "))));
        return new PlanSubject(m.name() + " " + q.id(), m.shape(), ModelWeights.estimate(m, q));
    }
}
