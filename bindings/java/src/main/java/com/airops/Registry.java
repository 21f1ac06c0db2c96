package com.airops;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Java objects that C callbacks reach through their {@code user_data}: a key, never a pointer to
 * a Java object, so that a late or stray callback finds nothing instead of freed memory. The
 * callbacks themselves are a few static objects, alive for the life of the class: JNA keeps no
 * reference to a callback it hands to C.
 */
final class Registry<T> {
    private final Map<Long, T> entries = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();

    /** Adds {@code value}; returns its key (never 0, which stands for NULL). */
    long add(T value) {
        long key = keys.incrementAndGet();
        entries.put(key, value);
        return key;
    }

    T get(Pointer userData) {
        return entries.get(Pointer.nativeValue(userData));
    }

    /** Removes and returns the entry of a callback's {@code user_data}, or null. */
    T take(Pointer userData) {
        return entries.remove(Pointer.nativeValue(userData));
    }

    /** Removes an entry (idempotent); returns it, or null. */
    T remove(long key) {
        return entries.remove(key);
    }

    /** Removes and returns the entries that match. */
    List<T> removeIf(Predicate<T> matches) {
        List<T> removed = new ArrayList<>();
        entries.entrySet().removeIf(entry -> {
            boolean match = matches.test(entry.getValue());
            if (match) {
                removed.add(entry.getValue());
            }
            return match;
        });
        return removed;
    }

    /** The {@code user_data} to pass to C for a key (NULL for 0). */
    static Pointer userData(long key) {
        return key == 0 ? null : new Pointer(key);
    }
}
