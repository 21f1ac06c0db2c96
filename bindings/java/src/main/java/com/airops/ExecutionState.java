package com.airops;

/** The status of an execution record ({@code airops_state}). */
public enum ExecutionState {
    /** A status this library does not know; see {@link ExecutionResult#status()}. */
    UNKNOWN, QUEUED, PENDING, RUNNING, SUCCESS, ERROR, CANCELLED, REVIEW_NEEDED;

    static ExecutionState of(int value) {
        ExecutionState[] states = values();
        return value >= 0 && value < states.length ? states[value] : UNKNOWN;
    }
}
