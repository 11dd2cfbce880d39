package dev.breakeven.app;

import dev.breakeven.core.chat.store.ConversationStore;

import dev.breakeven.core.chat.LocalEngines;
import dev.breakeven.core.cost.PriceBook;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.hardware.OverridesStore;
import dev.breakeven.core.hardware.ThisMachine;
import dev.breakeven.core.engine.LlamaServerLocator;
import dev.breakeven.core.io.AppDirs;
import dev.breakeven.core.runtime.Platform;
import dev.breakeven.core.runtime.RuntimeStore;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The services the app builds once and hands to pages and commands by constructor.
 * One wiring point instead of singletons or a DI framework. {@code engines} starts and stops every local model
 * server; {@link #close()} stops them all (the window's close, the CLI's end), a shutdown hook covers the rest.
 * {@code machine} is this machine's hardware profile as the Hardware page corrects it (Fit, Compare, Models and
 * Runtime plan for it and re-plan on each correction); {@code prices} is the one API price catalog every page reads
 * and saves (an update on the Hybrid page shows on the Costs page at once); {@code conversations} is the one store
 * the Chat page saves to and the Costs and Ledger pages read.
 */
public record AppServices(AppDirs dirs, ExecutorService background, LocalEngines engines, ThisMachine machine,
                          PriceBook prices, ConversationStore conversations) implements AutoCloseable {

    public AppServices(AppDirs dirs, ExecutorService background) {
        this(dirs, background, new ThisMachine(CatalogGpuReferences::detector, new OverridesStore(dirs.settings())));
    }

    private AppServices(AppDirs dirs, ExecutorService background, ThisMachine machine) {
        this(dirs, background, new LocalEngines(new EngineSupervisor(dirs.data().resolve("run"),
                dirs.data().resolve("logs")), LlamaServerLocator.preferring(installedRuntime(dirs)), launchMachine(machine)),
                machine, new PriceBook(dirs.data().resolve(PriceCatalog.USER_FILE)), ConversationStore.under(dirs.data()));
    }

    /**
     * This machine as the planner sees it (the profile the Hardware page corrects), asked at each runtime start so
     * the llama-server flags follow the plan; CPU only when detection fails.
     */
    private static java.util.function.Supplier<dev.breakeven.core.fit.RuntimeLaunchPlan.Machine> launchMachine(
            ThisMachine machine) {
        return () -> {
            try {
                var profile = machine.get();
                double fallback = dev.breakeven.core.fit.FitPlanner.standard().memory().constants()
                        .fallbackHostBandwidthGBps();
                return dev.breakeven.core.fit.RuntimeLaunchPlan.Machine.of(dev.breakeven.core.fit.HardwareTargets
                        .fromProfile(profile, dev.breakeven.core.models.GpuCatalog.load(), fallback), profile.os());
            } catch (RuntimeException undetected) {
                return LocalEngines.cpuOnlyMachine();
            }
        };
    }

    /** The llama.cpp runtime made current on the Runtime page or by {@code breakeven runtime install/use}. */
    private static LlamaServerLocator installedRuntime(AppDirs dirs) {
        RuntimeStore store = new RuntimeStore(dirs.data(), Platform.current());
        return () -> {
            try {
                return store.currentServer();
            } catch (RuntimeException unreadable) { // a damaged runtimes folder must not stop the app
                return java.util.Optional.empty();
            }
        };
    }

    /** The app's folders for this user, and one executor for all background work. */
    public static AppServices forCurrentUser() {
        return new AppServices(AppDirs.forCurrentUser(), Executors.newVirtualThreadPerTaskExecutor());
    }

    /** For tests: settings and data under one temporary folder. */
    public static AppServices forTest(java.nio.file.Path root) {
        return new AppServices(AppDirs.under(root), Executors.newVirtualThreadPerTaskExecutor());
    }

    /** Stops every engine and background task. */
    @Override
    public void close() {
        engines.supervisor().close();
        background.shutdownNow();
    }
}
