package com.airops;

/** What a client does with an HTTP redirect, a 3xx answer with a Location ({@code airops_redirects}). */
public enum Redirects {
    /**
     * None is followed: a 3xx answer fails the call with {@link ErrorCode#REDIRECT}, its status
     * in {@link AirOpsException#httpStatus()} and its target in the message. The default.
     */
    NEVER,
    /**
     * Redirects to the same origin (scheme, host and port) are followed, up to 5 in a row; any
     * other target fails as with {@link #NEVER}, so the identity and the body never reach
     * another origin and https is never downgraded to http. 307 and 308 repeat the method and
     * body; 303, and 301/302 after a POST, continue with a GET.
     */
    SAME_ORIGIN;

    int value() {
        return ordinal(); // AIROPS_REDIRECTS_NEVER = 0, AIROPS_REDIRECTS_SAME_ORIGIN = 1
    }
}
