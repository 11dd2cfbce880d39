package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import picocli.CommandLine;

import java.lang.reflect.Constructor;

/** Lets commands take {@link AppServices} by constructor instead of reaching for globals. */
final class CommandFactory implements CommandLine.IFactory {
    private final AppServices services;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(AppServices services) {
        this.services = services;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            Class<?>[] params = constructor.getParameterTypes();
            if (params.length == 1 && params[0] == AppServices.class) {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(services));
            }
        }
        return fallback.create(type);
    }
}
