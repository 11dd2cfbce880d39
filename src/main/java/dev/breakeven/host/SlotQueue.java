package dev.breakeven.host;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * The host's slots and the line in front of them: at most {@code slots} answers run at once, and the rest wait
 * their turn first come, first served (no request fails because the slots are busy).
 */
final class SlotQueue {
    private static final long KEEPALIVE_MILLIS = 1000;
    private final int slots;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private int busy;

    SlotQueue(int slots) {
        this.slots = slots;
    }

    /** Run while waiting, about once a second; a streaming answer uses it to see whether its client left. */
    @FunctionalInterface
    interface Keepalive {
        void ping() throws IOException;
    }

    /** Blocks until this caller's turn; the caller must {@link #release()} once done. */
    synchronized void acquire(Keepalive keepalive) throws IOException, InterruptedException {
        Object me = new Object();
        waiting.addLast(me);
        boolean admitted = false;
        try {
            while (waiting.peekFirst() != me || busy >= slots) {
                wait(KEEPALIVE_MILLIS);
                if (waiting.peekFirst() != me || busy >= slots) {
                    keepalive.ping();
                }
            }
            admitted = true;
        } finally {
            waiting.remove(me);
            if (admitted) {
                busy++;
            }
            notifyAll(); // the next in line may go now (a free slot, or the head of the line just left)
        }
    }

    synchronized void release() {
        busy--;
        notifyAll();
    }

    synchronized int busy() {
        return busy;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    int slots() {
        return slots;
    }
}
