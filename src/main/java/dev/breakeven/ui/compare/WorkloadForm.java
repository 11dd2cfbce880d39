package dev.breakeven.ui.compare;

import dev.breakeven.core.compare.CompareRequest;
import dev.breakeven.core.compare.GpuComparison;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.CostModel;
import dev.breakeven.core.cost.PointInputs;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.fit.FlashAttention;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.Quant;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

import java.util.List;

import static dev.breakeven.core.cost.CostInput.*;

/** The model, workload and API half of the Compare form, read as a comparison request (or set from one). */
final class WorkloadForm {
    final ObjectProperty<CatalogModel> model;
    final ObjectProperty<Quant> quant;
    final ObjectProperty<Integer> context;
    final ObjectProperty<ApiPrice> api;
    final StringProperty tokensInPerDay;
    final StringProperty tokensOutPerDay;
    final StringProperty hoursPerDay;
    final StringProperty kwhUsd;
    final ObjectProperty<FlashAttention> flashAttention;
    final ObjectProperty<Integer> concurrency;

    /** The properties are named on bean, the view model that exposes them. */
    WorkloadForm(Object bean) {
        model = new SimpleObjectProperty<>(bean, "model");
        quant = new SimpleObjectProperty<>(bean, "quant");
        context = new SimpleObjectProperty<>(bean, "context", 8192);
        api = new SimpleObjectProperty<>(bean, "api");
        tokensInPerDay = new SimpleStringProperty(bean, "tokensIn", "2000000");
        tokensOutPerDay = new SimpleStringProperty(bean, "tokensOut", "1000000");
        hoursPerDay = new SimpleStringProperty(bean, "hours", "8");
        kwhUsd = new SimpleStringProperty(bean, "kwh", "0.17");
        flashAttention = new SimpleObjectProperty<>(bean, "flashAttention", FlashAttention.AUTO);
        concurrency = new SimpleObjectProperty<>(bean, "concurrency", 1);
    }

    /** The model, quant and API the page opens with. */
    void selectDefaults(GpuComparison engine, PriceCatalog prices) {
        model.set(engine.models().find("qwen3-32b").orElse(engine.models().models().getFirst()));
        quant.set(engine.quants().find("Q4_K_M").orElseThrow());
        api.set(prices.find("anthropic/claude-haiku-4-5").orElse(prices.prices().getFirst()));
    }

    /** The properties whose change calls for a new comparison. */
    List<ObservableValue<?>> observables() {
        return List.of(model, quant, context, api, tokensInPerDay, tokensOutPerDay, hoursPerDay, kwhUsd,
                flashAttention, concurrency);
    }

    /** The request the form describes; throws IllegalArgumentException with a sentence when it cannot. */
    CompareRequest request() {
        PointInputs p = PointInputs.blank()
                .with(INPUT_TOKENS_PER_DAY, FormNumbers.parse(tokensInPerDay.get(), "Input tokens per day", 1e12))
                .with(OUTPUT_TOKENS_PER_DAY, FormNumbers.parse(tokensOutPerDay.get(), "Output tokens per day", 1e12))
                .with(LOAD_HOURS, FormNumbers.parse(hoursPerDay.get(), "Hours per day", 24))
                .with(KWH_USD, FormNumbers.parse(kwhUsd.get(), "Electricity price", 5))
                .with(WORKING_DAYS, CostModel.CALENDAR_DAYS_PER_MONTH)
                .with(AMORTIZE_MONTHS, Scenario.DEFAULT_AMORTIZE_MONTHS);
        ApiPrice a = api.get();
        if (a == null || model.get() == null || quant.get() == null || context.get() == null) {
            throw new IllegalArgumentException("Pick a model, a quant, a context and an API.");
        }
        int streams = concurrency.get() == null ? 1 : concurrency.get();
        return new CompareRequest(model.get(), quant.get(), context.get(), a.applyTo(p), a.name(),
                flashAttention.get(), streams);
    }

    /** Sets the form to a restored request; the API changes only when apiId is one the catalog knows. */
    void show(CompareRequest q, String apiId, PriceCatalog prices) {
        model.set(q.model());
        quant.set(q.quant());
        context.set(q.contextLength());
        flashAttention.set(q.flashAttention());
        concurrency.set(q.concurrency());
        if (apiId != null) {
            prices.find(apiId).ifPresent(api::set);
        }
        PointInputs p = q.costInputs();
        tokensInPerDay.set(FormNumbers.plain(p.get(INPUT_TOKENS_PER_DAY)));
        tokensOutPerDay.set(FormNumbers.plain(p.get(OUTPUT_TOKENS_PER_DAY)));
        hoursPerDay.set(FormNumbers.plain(p.get(LOAD_HOURS)));
        kwhUsd.set(FormNumbers.plain(p.get(KWH_USD)));
    }
}
