package dev.breakeven.ui.hybrid;

import dev.breakeven.core.router.CapabilityGaps;
import dev.breakeven.core.router.DecisionGuide;
import dev.breakeven.core.router.RoutingSimulation;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.stream.Collectors;

/** The decision guide's form and its answer, recomputed on every change (the guide is pure and quick). */
public final class DecisionGuideViewModel {
    private final CapabilityGaps.Loaded gaps;
    private final BooleanProperty privateData = new SimpleBooleanProperty();
    private final BooleanProperty offline = new SimpleBooleanProperty();
    private final ObjectProperty<DecisionGuide.Latency> latency = new SimpleObjectProperty<>(DecisionGuide.Latency.INTERACTIVE);
    private final BooleanProperty vision = new SimpleBooleanProperty();
    private final BooleanProperty audio = new SimpleBooleanProperty();
    private final BooleanProperty hardest = new SimpleBooleanProperty();
    private final BooleanProperty longContext = new SimpleBooleanProperty();
    private final StringProperty volume = new SimpleStringProperty("");
    private final ObjectProperty<RoutingSimulation.MixCost> cost = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<DecisionGuide.Recommendation> recommendation = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reasons = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper volumeError = new ReadOnlyStringWrapper("");

    public DecisionGuideViewModel(CapabilityGaps.Loaded gaps) {
        this.gaps = gaps;
        for (Observable o : new Observable[]{privateData, offline, latency, vision, audio, hardest, longContext, volume, cost}) {
            o.addListener(x -> recompute());
        }
        recompute();
    }

    public BooleanProperty privateDataProperty() { return privateData; }
    public BooleanProperty offlineProperty() { return offline; }
    public ObjectProperty<DecisionGuide.Latency> latencyProperty() { return latency; }
    public BooleanProperty visionProperty() { return vision; }
    public BooleanProperty audioProperty() { return audio; }
    public BooleanProperty hardestProperty() { return hardest; }
    public BooleanProperty longContextProperty() { return longContext; }
    public StringProperty volumeProperty() { return volume; }
    /** The current workload's three monthly figures (set by the page from the measured router). */
    public ObjectProperty<RoutingSimulation.MixCost> costProperty() { return cost; }
    public ReadOnlyObjectProperty<DecisionGuide.Recommendation> recommendationProperty() { return recommendation.getReadOnlyProperty(); }
    public ReadOnlyStringProperty verdictProperty() { return verdict.getReadOnlyProperty(); }
    public ReadOnlyStringProperty reasonsProperty() { return reasons.getReadOnlyProperty(); }
    public ReadOnlyStringProperty volumeErrorProperty() { return volumeError.getReadOnlyProperty(); }

    public CapabilityGaps gaps() {
        return gaps.gaps();
    }

    public String gapsNote() {
        return gaps.note().orElse("Capability table checked " + gaps.gaps().checked() + "; edit a copy named "
                + CapabilityGaps.FILE_NAME + " in the settings folder to use your own.");
    }

    private void recompute() {
        double tokens = 0;
        String v = volume.get() == null ? "" : volume.get().strip().replace(",", "").replace("_", "");
        volumeError.set("");
        if (!v.isEmpty()) {
            try {
                tokens = Double.parseDouble(v);
                if (!(tokens >= 0) || Double.isInfinite(tokens)) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                volumeError.set("Tokens a day: a number of 0 or more");
                tokens = 0;
            }
        }
        DecisionGuide.Recommendation r = DecisionGuide.decide(new DecisionGuide.Answers(privateData.get(), offline.get(),
                latency.get(), vision.get(), audio.get(), hardest.get(), longContext.get(), tokens), gaps.gaps(), cost.get());
        recommendation.set(r);
        verdict.set(switch (r.verdict()) {
            case LOCAL -> "Local";
            case API -> "API";
            case HYBRID -> "Hybrid: local for most, API for the hard few";
        });
        reasons.set(r.reasons().stream().map(s -> "• " + s).collect(Collectors.joining("\n")));
    }
}
