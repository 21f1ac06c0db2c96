package com.airops;

import com.airops.internal.AirOpsLibrary;
import com.airops.internal.NativeApi;
import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.time.Duration;

/** Calling the C ABI: the {@code airops_error **} protocol as exceptions, and argument conversion. */
final class Calls {
    private Calls() {
    }

    /** A call of a function that returns an {@code airops_code} and fills an {@code airops_error **}. */
    @FunctionalInterface
    interface Fallible {
        int call(PointerByReference error);
    }

    static NativeApi api() {
        return AirOpsLibrary.api();
    }

    /**
     * Marks a static callback so that library threads calling it stay attached to the JVM, as
     * daemons named "airops-callback", instead of being attached and detached on every call.
     */
    static <T extends Callback> T onLibraryThreads(T callback) {
        Native.setCallbackThreadInitializer(callback, new CallbackThreadInitializer(true, false, "airops-callback"));
        return callback;
    }

    /** Runs {@code call}; on a non-zero code throws its error (and frees the native one). */
    static void check(Fallible call) {
        PointerByReference error = new PointerByReference();
        int code = call.call(error);
        if (code != 0) {
            Pointer details = error.getValue();
            try {
                throw copy(code, details);
            } finally {
                api().airops_error_free(details);
            }
        }
    }

    /** An exception from a borrowed {@code airops_error} (not freed here). */
    static AirOpsException copy(int code, Pointer error) {
        NativeApi api = api();
        if (error == null) { // the library broke its contract: report what is known
            return new AirOpsException(ErrorCode.of(code), 0, api.airops_code_name(code) + " (no error details)");
        }
        int errorCode = api.airops_error_code(error);
        ErrorCode known = ErrorCode.of(errorCode);
        String message = api.airops_error_message(error);
        if (known.value() != errorCode) { // a code newer than this binding: keep its name
            message = api.airops_code_name(errorCode) + ": " + message;
        }
        return new AirOpsException(known, api.airops_error_http_status(error), message);
    }

    static AirOpsException invalidArgument(String message) {
        return new AirOpsException(ErrorCode.INVALID_ARGUMENT, 0, message);
    }

    /** A borrowed C string (valid during the call) as Java text; null for NULL. */
    static String borrowed(Pointer string) {
        return string == null ? null : string.getString(0, AirOpsLibrary.ENCODING);
    }

    /** Copies a string the library handed over through a {@code char **}, then frees it. */
    static String takeString(Pointer string) {
        try {
            return string.getString(0, AirOpsLibrary.ENCODING);
        } finally {
            api().airops_string_free(string);
        }
    }

    /**
     * A string argument as C will read it. A NUL character would silently cut the C string short,
     * so it is refused; null passes as NULL (the library reports it when it is required).
     */
    static String text(String value, String name) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw invalidArgument(name + " must not contain a NUL character");
        }
        return value;
    }

    /** A duration in milliseconds, saturated at the range of {@code int64_t}. */
    static long millis(Duration duration, String name) {
        if (duration == null) {
            throw invalidArgument(name + " must not be null");
        }
        try {
            return duration.toMillis();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
