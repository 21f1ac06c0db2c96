package com.airops;

/**
 * A failed call: the library's error code, the HTTP status that caused it (0 when no HTTP
 * answer was involved) and its message (the server's {@code error} text for HTTP errors).
 */
public class AirOpsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final int httpStatus;

    public AirOpsException(ErrorCode code, int httpStatus, String message) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** What kind of failure it is. */
    public ErrorCode code() {
        return code;
    }

    /** The HTTP status that caused the error, or 0. */
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String toString() {
        String status = httpStatus == 0 ? "" : " (HTTP " + httpStatus + ")";
        return "AirOpsException " + code + status + ": " + getMessage();
    }
}
