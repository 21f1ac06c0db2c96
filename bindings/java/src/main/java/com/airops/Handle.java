package com.airops;

import com.sun.jna.Pointer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Ownership of one native handle. Calls run inside {@link #use}; {@link #close} marks it closed
 * at once and frees it when no call is inside any more, so that closing a handle another thread
 * is still using (e.g. waiting on) never frees memory under that call.
 */
final class Handle {
    private final Pointer pointer;
    private final Consumer<Pointer> free;
    private final String name;
    private int users;
    private boolean closed;

    Handle(Pointer pointer, Consumer<Pointer> free, String name) {
        this.pointer = pointer;
        this.free = free;
        this.name = name;
    }

    /** Runs {@code body} with the pointer; an {@link ErrorCode#INVALID_ARGUMENT} error once closed. */
    <T> T use(Function<Pointer, T> body) {
        synchronized (this) {
            if (closed) {
                throw Calls.invalidArgument("the " + name + " is closed");
            }
            users++;
        }
        try {
            return body.apply(pointer);
        } finally {
            boolean last;
            synchronized (this) {
                last = --users == 0 && closed;
            }
            if (last) {
                free.accept(pointer);
            }
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the handle; returns false when it was closed already. */
    boolean close() {
        boolean idle;
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
            idle = users == 0;
        }
        if (idle) {
            free.accept(pointer);
        }
        return true;
    }
}
