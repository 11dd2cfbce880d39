package dev.breakeven.ui.compare;

import dev.breakeven.core.compare.CompareOption;
import dev.breakeven.core.compare.GpuComparison;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.models.CatalogGpu;
import dev.breakeven.ui.compare.CompareViewModel.Choice;
import dev.breakeven.ui.compare.CompareViewModel.Slot;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The option slots of the Compare page: what each picker offers, and the slots read as (or set from) options. */
final class OptionSlots {
    /** Thrown while "This machine" is picked and not yet detected; the view model starts detection. */
    static final class NeedsDetection extends RuntimeException {
        NeedsDetection() {
            super("Detecting this machine…", null, false, false);
        }
    }

    private final ObservableList<Choice> choices = FXCollections.observableArrayList();
    private final List<Slot> slots = new ArrayList<>();

    OptionSlots(GpuComparison engine) {
        choices.add(Choice.THIS_MACHINE);
        engine.gpus().all().stream().sorted(Comparator.comparing(CatalogGpu::name))
                .forEach(g -> choices.add(new Choice(g.name(), g)));
        for (int i = 0; i < CompareViewModel.SLOTS; i++) {
            slots.add(new Slot());
        }
    }

    /** The properties of one slot whose change calls for a new comparison. */
    static List<ObservableValue<?>> observables(Slot s) {
        return List.of(s.choice, s.count, s.price);
    }

    /** The two cards the page opens with. */
    void selectDefaults() {
        slots.get(0).choice.set(choice("rtx-3090"));
        slots.get(1).choice.set(choice("rtx-5090"));
    }

    Choice choice(String gpuId) {
        return choices.stream().filter(c -> c.card() != null && c.card().id().equals(gpuId)).findFirst().orElseThrow();
    }

    ObservableList<Choice> choices() {
        return choices;
    }

    List<Slot> slots() {
        return slots;
    }

    /**
     * The filled slots as options, "This machine" as the detected profile (null: not detected yet, which throws
     * {@link NeedsDetection}); throws IllegalArgumentException with a sentence when a slot cannot be read.
     */
    List<CompareOption> options(HardwareProfile profile) {
        List<CompareOption> options = new ArrayList<>();
        for (int i = 0; i < CompareViewModel.SLOTS; i++) {
            Slot s = slots.get(i);
            Choice c = s.choice.get();
            if (c == null) {
                continue;
            }
            String text = s.price.get() == null ? "" : s.price.get().strip();
            Double price = text.isEmpty() ? null : FormNumbers.parse(text, "Price of option " + (i + 1), 10_000_000);
            if (c.card() == null) {
                if (profile == null) {
                    throw new NeedsDetection();
                }
                options.add(new CompareOption.ThisMachine(profile, price));
            } else {
                if (s.count.get() > 1 && c.card().unifiedMemory()) {
                    throw new IllegalArgumentException(c.label() + " is a unified-memory chip; it cannot be doubled up.");
                }
                options.add(new CompareOption.Cards(c.card(), s.count.get(), price));
            }
        }
        if (options.isEmpty()) {
            throw new IllegalArgumentException("Pick at least one option.");
        }
        return options;
    }

    /**
     * Sets the slots to the options in order, emptying the rest; returns the profile of the last "This machine"
     * option among them (null when there is none).
     */
    HardwareProfile show(List<CompareOption> options) {
        HardwareProfile machine = null;
        for (int i = 0; i < CompareViewModel.SLOTS; i++) {
            Slot slot = slots.get(i);
            CompareOption o = i < options.size() ? options.get(i) : null;
            if (o instanceof CompareOption.ThisMachine m) {
                machine = m.profile();
            }
            slot.choice.set(switch (o) {
                case null -> null;
                case CompareOption.Cards c -> choice(c.card().id());
                case CompareOption.ThisMachine m -> Choice.THIS_MACHINE;
            });
            slot.count.set(o instanceof CompareOption.Cards c ? c.count() : 1);
            slot.price.set(o == null || o.priceUsd() == null ? "" : String.format(Locale.ROOT, "%.0f", o.priceUsd()));
        }
        return machine;
    }
}
