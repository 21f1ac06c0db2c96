package com.airops.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

/**
 * {@code poll(2)} on one descriptor, for waiting on {@code airops_client_event_fd()}: Java
 * cannot select on a raw file descriptor. Not part of the public API.
 */
public final class Poll {
    private static final short POLLIN = 0x1;
    private static final int EINTR = 4;

    private Poll() {
    }

    /** {@code struct pollfd}. */
    @Structure.FieldOrder({"fd", "events", "revents"})
    public static class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }

    private interface LibC extends Library {
        int poll(PollFd fds, NativeLong count, int timeoutMs) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC C = Native.load("c", LibC.class);
    }

    /**
     * Waits up to {@code timeoutMs} (negative: without limit) until {@code fd} is readable.
     * Returns false when the time passed or a signal interrupted the wait.
     */
    public static boolean readable(int fd, int timeoutMs) {
        PollFd entry = new PollFd();
        entry.fd = fd;
        entry.events = POLLIN;
        try {
            return Holder.C.poll(entry, new NativeLong(1), timeoutMs) > 0;
        } catch (LastErrorException error) {
            if (error.getErrorCode() == EINTR) {
                return false;
            }
            throw new IllegalStateException("poll() on the event descriptor failed: " + error.getMessage(), error);
        }
    }
}
