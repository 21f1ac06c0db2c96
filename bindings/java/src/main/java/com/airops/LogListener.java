package com.airops;

/**
 * Receives a client's log messages (requests, realtime connections, reconnects). Secrets never
 * appear in them. Called on library threads, possibly several at once: it must be thread-safe,
 * must not block and must not call blocking methods of this library.
 */
@FunctionalInterface
public interface LogListener {
    void log(LogLevel level, String message);
}
