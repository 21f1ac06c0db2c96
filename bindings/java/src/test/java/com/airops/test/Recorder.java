package com.airops.test;

import com.airops.Event;
import com.airops.EventListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link EventListener} that keeps every event, for a test to take in order. */
final class Recorder implements EventListener {
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public void onEvent(Event event) {
        calls.incrementAndGet();
        events.add(event);
    }

    /** How often the listener ran so far. */
    int calls() {
        return calls.get();
    }

    /** The next event, waiting up to {@code timeout}; fails when none comes. */
    Event next(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + timeout);
        }
        return event;
    }

    /** The events up to and including the first {@link Event.Completed}. */
    List<Event> untilCompleted(Duration timeout) throws InterruptedException {
        List<Event> taken = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (taken.isEmpty() || !(taken.get(taken.size() - 1) instanceof Event.Completed)) {
            taken.add(next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
        }
        return taken;
    }
}
