package dev.breakeven.app;

import dev.breakeven.core.io.AppDirs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The services the app builds once and hands to pages and commands by constructor.
 * One wiring point instead of singletons or a DI framework.
 */
public record AppServices(AppDirs dirs, ExecutorService background) {

    /** The app's folders for this user, and one executor for all background work. */
    public static AppServices forCurrentUser() {
        return new AppServices(AppDirs.forCurrentUser(), Executors.newVirtualThreadPerTaskExecutor());
    }

    /** For tests: settings and data under one temporary folder. */
    public static AppServices forTest(java.nio.file.Path root) {
        return new AppServices(AppDirs.under(root), Executors.newVirtualThreadPerTaskExecutor());
    }
}
