package com.airops;

/** The error codes of the C ABI ({@code airops_code}, without {@code AIROPS_OK}). */
public enum ErrorCode {
    /** A missing or empty required argument, malformed JSON, a value out of range, a closed handle. */
    INVALID_ARGUMENT(1),
    /** HTTP 401/403: missing or wrong identity. */
    UNAUTHORIZED(2),
    /** HTTP 404: no such app or execution (for this identity). */
    NOT_FOUND(3),
    /** Any other HTTP 4xx, e.g. a missing input or cancelling a finished execution. */
    BAD_REQUEST(4),
    /** HTTP 429. */
    RATE_LIMITED(5),
    /** HTTP 5xx. */
    SERVER(6),
    /** The server could not be reached, or the connection broke. */
    NETWORK(7),
    /** A request timeout, or the timeout given to a wait. */
    TIMEOUT(8),
    /** The server answered 2xx with a body that is not what the protocol says. */
    PROTOCOL(9),
    /** A bug or an unexpected state inside the library, or a code this binding does not know. */
    INTERNAL(10),
    /**
     * An HTTP 3xx that the redirect policy does not follow ({@link AirOpsBuilder#redirects}):
     * {@link AirOpsException#httpStatus()} is the status, the message names it and the target.
     */
    REDIRECT(11),
    /** The client was created in the parent of this forked process: create a new one in the child. */
    FORKED(12),
    /** A non-blocking call had not ended when its client was closed. */
    CANCELLED(13);

    private final int value;

    ErrorCode(int value) {
        this.value = value;
    }

    /** The {@code airops_code} value. */
    public int value() {
        return value;
    }

    /** The library's name of the code ({@code airops_code_name}), e.g. {@code "AIROPS_ERR_NOT_FOUND"}. */
    public String libraryName() {
        return Calls.api().airops_code_name(value);
    }

    /** The code for an {@code airops_code} value; {@link #INTERNAL} for one this binding does not know. */
    public static ErrorCode of(int value) {
        for (ErrorCode code : values()) {
            if (code.value == value) {
                return code;
            }
        }
        return INTERNAL;
    }
}
