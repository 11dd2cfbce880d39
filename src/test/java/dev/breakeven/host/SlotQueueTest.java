package dev.breakeven.host;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The line in front of the host's slots: first come, first served, and a client that leaves frees its place. */
class SlotQueueTest {

    private static Thread waiter(SlotQueue queue, String name, List<String> order, CountDownLatch done) {
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                queue.acquire(() -> { });
                order.add(name);
                queue.release();
            } catch (IOException | InterruptedException e) {
                order.add(name + " failed");
            } finally {
                done.countDown();
            }
        });
        return thread;
    }

    private static void awaitWaiting(SlotQueue queue, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (queue.waiting() < count && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(queue.waiting()).isEqualTo(count);
    }

    @Test
    void requestsBeyondTheSlotsWaitAndGoInArrivalOrder() throws Exception {
        SlotQueue queue = new SlotQueue(1);
        queue.acquire(() -> { });
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        for (String name : List.of("first", "second", "third")) {
            waiter(queue, name, order, done);
            awaitWaiting(queue, order.size() + List.of("first", "second", "third").indexOf(name) + 1);
        }
        assertThat(queue.busy()).isEqualTo(1);
        queue.release();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("first", "second", "third");
        assertThat(queue.busy()).isZero();
        assertThat(queue.waiting()).isZero();
    }

    @Test
    void aWaiterWhoseClientLeftGivesUpItsPlace() throws Exception {
        SlotQueue queue = new SlotQueue(1);
        queue.acquire(() -> { });
        CountDownLatch left = new CountDownLatch(1);
        Thread.ofPlatform().start(() -> {
            try {
                queue.acquire(() -> {
                    throw new IOException("client gone");
                });
            } catch (IOException | InterruptedException e) {
                left.countDown();
            }
        });
        assertThat(left.await(5, TimeUnit.SECONDS)).as("the keepalive noticed within about a second").isTrue();
        assertThat(queue.waiting()).isZero();
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        waiter(queue, "next", order, done);
        awaitWaiting(queue, 1);
        queue.release();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("next");
    }
}
