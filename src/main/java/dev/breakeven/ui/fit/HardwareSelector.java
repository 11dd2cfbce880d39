package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HardwareTargets;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.hardware.CalibrationStatus;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.ThisMachine;
import dev.breakeven.ui.common.TaskExecutor;
import dev.breakeven.ui.fit.FitViewModel.HardwareChoice;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Fills the Fit page's hardware selector: this machine as detected (and as the Hardware page corrects it) first,
 * then every catalog card as a what-if on this machine's host. Profiles turn into choices in the background (that
 * loads the catalogs); the answers land in the view model's list and property on the UI thread.
 */
final class HardwareSelector {
    private final TaskExecutor tasks;
    private final Supplier<FitCatalogs> catalogs;
    private final ObservableList<HardwareChoice> choices;
    private final ObjectProperty<HardwareChoice> hardware;
    private final Consumer<String> status;
    private HardwareProfile shownProfile;
    private long profileRequests;
    private long profileShown;
    private Runnable unfollow = () -> { };

    HardwareSelector(TaskExecutor tasks, Supplier<FitCatalogs> catalogs, ObservableList<HardwareChoice> choices,
                     ObjectProperty<HardwareChoice> hardware, Consumer<String> status) {
        this.tasks = tasks;
        this.catalogs = catalogs;
        this.choices = choices;
        this.hardware = hardware;
        this.status = status;
    }

    /** Starts hardware detection in the background; the selector fills in when it returns. */
    void detect(Supplier<HardwareProfile> detector) {
        long mine = ++profileRequests;
        tasks.run(() -> choices(detector.get()), c -> show(mine, c),
                e -> status.accept("Hardware detection failed: " + e.getMessage()));
    }

    /** Detects now and re-plans whenever a correction, a measurement or a new detection changes the profile. */
    void follow(ThisMachine machine) {
        unfollow.run();
        unfollow = machine.subscribe(profile -> tasks.onUi(() -> useProfile(profile)));
        detect(machine);
    }

    void unfollow() {
        unfollow.run();
    }

    void useProfile(HardwareProfile profile) {
        long mine = ++profileRequests;
        tasks.run(() -> choices(profile), c -> show(mine, c), e -> status.accept("Planning failed: " + e.getMessage()));
    }

    /** The selector's entries for a profile and the status line about it. */
    private record Choices(HardwareProfile profile, List<HardwareChoice> choices, String status) {
    }

    /** Background: loads the catalogs. */
    private Choices choices(HardwareProfile profile) {
        FitCatalogs c = catalogs.get();
        double fallback = c.planner().memory().constants().fallbackHostBandwidthGBps();
        HostSpec host = HardwareTargets.host(profile, fallback);
        List<HardwareChoice> list = new ArrayList<>();
        HardwareTarget machine = HardwareTargets.fromProfile(profile, c.gpus(), fallback);
        list.add(new HardwareChoice(machine.label(), machine));
        c.gpus().all().forEach(card -> list.add(new HardwareChoice("What if: " + card.name(),
                HardwareTargets.fromCatalog(card, host))));
        String calibration = "This machine: " + CalibrationStatus.of(profile);
        return new Choices(profile, list, HardwareTargets.assumedBandwidthNote(profile, fallback)
                .map(n -> n + ". " + calibration).orElse(calibration));
    }

    /**
     * Shows new choices keeping the user's pick (this machine or a what-if card); an unchanged profile re-plans
     * nothing, and an answer older than one already shown (a slow first detection) is dropped.
     */
    private void show(long request, Choices next) {
        if (request < profileShown || next.profile().equals(shownProfile)) {
            return;
        }
        profileShown = request;
        shownProfile = next.profile();
        int keep = Math.max(0, choices.indexOf(hardware.get()));
        choices.setAll(next.choices());
        status.accept(next.status());
        hardware.set(next.choices().get(Math.min(keep, next.choices().size() - 1)));
    }
}
