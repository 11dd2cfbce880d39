package dev.breakeven.core.cost;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The app's one price catalog: the bundled prices with the user's saved entries over them. Every page reads and
 * changes this instance, so prices updated on the Hybrid page show on the Costs page without a restart.
 *
 * <p>Thread-safe. {@link #current()} reads the file the first time (call it off the FX thread once);
 * {@link #save} writes the file (blocking) and then tells the subscribers on the calling thread.
 */
public final class PriceBook {
    private final Path userFile;
    private final List<Consumer<PriceCatalog>> subscribers = new CopyOnWriteArrayList<>();
    private volatile PriceCatalog current;

    /** @param userFile the user's saved entries ({@link PriceCatalog#USER_FILE} in the data folder); null: bundled only, never saved */
    public PriceBook(Path userFile) {
        this.userFile = userFile;
    }

    /** Only the bundled prices, nothing saved: for tests and pages built without a data folder. */
    public static PriceBook bundledOnly() {
        return new PriceBook(null);
    }

    /** A book starting from the given catalog (not the file's), saving to {@code userFile} when not null: for tests. */
    public static PriceBook starting(PriceCatalog catalog, Path userFile) {
        PriceBook book = new PriceBook(userFile);
        book.current = catalog;
        return book;
    }

    public Path userFile() {
        return userFile;
    }

    public PriceCatalog current() {
        PriceCatalog c = current;
        if (c == null) {
            synchronized (this) {
                if (current == null) {
                    current = PriceCatalog.userOrBundled(userFile);
                }
                c = current;
            }
        }
        return c;
    }

    /**
     * Makes {@code next} the catalog every page uses, writes it to the user's file (when there is one) and tells
     * the subscribers. The subscribers are told even when the write fails, which is then thrown.
     */
    public void save(PriceCatalog next) throws IOException {
        PriceCatalog before = current;
        current = next;
        try {
            if (userFile != null) {
                synchronized (this) {
                    next.save(userFile);
                }
            }
        } finally {
            if (!next.equals(before)) {
                subscribers.forEach(s -> s.accept(next));
            }
        }
    }

    /** Calls {@code subscriber} with every saved catalog from now on, on the saving thread; returns the unsubscribe. */
    public Runnable subscribe(Consumer<PriceCatalog> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }
}
