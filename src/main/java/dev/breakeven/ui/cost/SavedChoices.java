package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.CostChoices;
import dev.breakeven.core.cost.CostChoicesStore;
import dev.breakeven.core.cost.CostInput;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the Costs page's API model, electricity price and hardware write-off in {@link CostChoicesStore}: restored
 * when the page opens, saved (off the FX thread) as they change, so the Ledger page and {@code breakeven ledger} use
 * the same choice.
 */
final class SavedChoices {
    private static final List<CostInput> KEPT = List.of(CostInput.KWH_USD, CostInput.HARDWARE_USD,
            CostInput.OTHER_PARTS_USD, CostInput.RESALE_USD, CostInput.AMORTIZE_MONTHS);

    private final CostsViewModel vm;
    private final CostChoicesStore store;
    private final ExecutorService background;
    private final AtomicReference<CostChoices> latest = new AtomicReference<>();

    private SavedChoices(CostsViewModel vm, CostChoicesStore store, ExecutorService background) {
        this.vm = vm;
        this.store = store;
        this.background = background;
    }

    /** Restores the saved choices into the page and saves every later change; nothing without a data folder. */
    static void attach(CostsViewModel vm, Path dataFolder, ExecutorService background) {
        if (dataFolder == null) {
            return;
        }
        SavedChoices saved = new SavedChoices(vm, new CostChoicesStore(dataFolder), background);
        saved.store.load().ifPresent(saved::restore);
        vm.apiModelProperty().addListener((obs, old, now) -> saved.changed());
        KEPT.forEach(input -> vm.text(input).addListener((obs, old, now) -> saved.changed()));
    }

    private void restore(CostChoices c) {
        if (c.apiModelId() != null) {
            vm.catalogProperty().get().find(c.apiModelId()).ifPresent(vm.apiModelProperty()::set);
        }
        restore(CostInput.KWH_USD, c.kwhUsd());
        restore(CostInput.HARDWARE_USD, c.hardwareUsd());
        restore(CostInput.OTHER_PARTS_USD, c.otherPartsUsd());
        restore(CostInput.RESALE_USD, c.resaleUsd());
        restore(CostInput.AMORTIZE_MONTHS, c.amortiseMonths());
    }

    private void restore(CostInput input, String text) {
        if (text != null) {
            vm.text(input).set(text);
        }
    }

    private void changed() {
        var api = vm.apiModelProperty().get();
        latest.set(new CostChoices(api == null ? null : api.id(), vm.text(CostInput.KWH_USD).get(),
                vm.text(CostInput.HARDWARE_USD).get(), vm.text(CostInput.OTHER_PARTS_USD).get(),
                vm.text(CostInput.RESALE_USD).get(), vm.text(CostInput.AMORTIZE_MONTHS).get()));
        background.submit(this::save);
    }

    /** Under one lock, the latest choices: saves queued out of order still leave the last one on disk. */
    private synchronized void save() {
        try {
            store.save(latest.get());
        } catch (IOException e) {
            // the choices are a convenience for the Ledger page; the page's figures are unaffected
        }
    }
}
