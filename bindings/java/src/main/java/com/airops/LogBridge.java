package com.airops;

import com.airops.internal.NativeApi;
import com.sun.jna.Pointer;

/** From the library's log callback to the {@link LogListener} of one client. */
final class LogBridge {
    private static final Registry<LogListener> LISTENERS = new Registry<>();

    /** The {@code airops_log_callback} passed for every client that logs; never released. */
    static final NativeApi.LogCallback ON_LOG = Calls.onLibraryThreads(LogBridge::onLog);

    private LogBridge() {
    }

    static long register(LogListener listener) {
        return LISTENERS.add(listener);
    }

    /** Removes a listener; call it once its client is freed (then the library logs to it no more). */
    static void unregister(long key) {
        LISTENERS.remove(key);
    }

    private static void onLog(int level, Pointer message, Pointer userData) {
        try {
            LogListener listener = LISTENERS.get(userData);
            if (listener != null) {
                listener.log(LogLevel.of(level), Calls.borrowed(message));
            }
        } catch (Throwable thrown) { // nothing may unwind into C
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, thrown);
        }
    }
}
