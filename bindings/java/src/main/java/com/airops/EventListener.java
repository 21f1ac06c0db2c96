package com.airops;

/**
 * Receives the events of one streamed execution or chat, in the order the server sent them.
 * In {@link Delivery#DIRECT} it runs on the client's delivery thread (never two listeners of
 * one client at once); in {@link Delivery#QUEUED}, on the thread calling {@link AirOps#dispatch()}.
 * It may call any method of this library, including blocking ones and {@link Execution#close()};
 * while it blocks, the client's other events wait. What it throws goes to the thread's
 * uncaught-exception handler; later events are still delivered.
 */
@FunctionalInterface
public interface EventListener {
    void onEvent(Event event);
}
