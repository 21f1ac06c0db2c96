package com.airops;

/** Where a client runs its event listeners and completes its futures ({@code airops_delivery}). */
public enum Delivery {
    /**
     * On the client's delivery thread, as soon as events arrive: listeners of one client never
     * run at the same time. Futures complete on the client's completion executor.
     */
    DIRECT,
    /**
     * On the thread that calls {@link AirOps#dispatch()}; {@link AirOps#awaitEvents} and
     * {@link AirOps#eventFd()} tell when events wait. Futures complete on that thread too.
     */
    QUEUED;

    int value() {
        return ordinal(); // AIROPS_DELIVERY_DIRECT = 0, AIROPS_DELIVERY_QUEUED = 1
    }
}
