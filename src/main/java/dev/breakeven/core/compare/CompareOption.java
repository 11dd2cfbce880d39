package dev.breakeven.core.compare;

import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.models.CatalogGpu;

import java.util.Locale;

/**
 * One thing a buyer weighs: a catalog card (one or several of it) or the machine they already have.
 * A null price means "the catalog's launch price" for a card and "already paid for" for this machine.
 */
public sealed interface CompareOption {

    /** What the grid and the JSON call this option. */
    String label();

    /** The price the user typed (new or used), or null for the default. */
    Double priceUsd();

    CompareOption withPrice(Double usd);

    /** {@code count} identical catalog cards; VRAM adds up, see {@link OptionHardware} for speed. */
    record Cards(CatalogGpu card, int count, Double priceUsd) implements CompareOption {
        public Cards {
            if (card == null) {
                throw new IllegalArgumentException("a card option needs a catalog card");
            }
            if (count < 1 || count > 8) {
                throw new IllegalArgumentException("between 1 and 8 cards, got " + count);
            }
            if (priceUsd != null && !(priceUsd >= 0)) {
                throw new IllegalArgumentException("price cannot be negative");
            }
        }

        public static Cards of(CatalogGpu card) {
            return new Cards(card, 1, null);
        }

        @Override
        public String label() {
            return count == 1 ? card.name() : String.format(Locale.ROOT, "%d× %s", count, card.name());
        }

        @Override
        public Cards withPrice(Double usd) {
            return new Cards(card, count, usd);
        }
    }

    /** The detected machine, as the Hardware page sees it. */
    record ThisMachine(HardwareProfile profile, Double priceUsd) implements CompareOption {
        public ThisMachine {
            if (profile == null) {
                throw new IllegalArgumentException("this machine needs a detected profile");
            }
            if (priceUsd != null && !(priceUsd >= 0)) {
                throw new IllegalArgumentException("price cannot be negative");
            }
        }

        @Override
        public String label() {
            return "this machine";
        }

        @Override
        public ThisMachine withPrice(Double usd) {
            return new ThisMachine(profile, usd);
        }
    }
}
