package com.airops;

/** The severity of a log message ({@code airops_log_level}), lowest first. */
public enum LogLevel {
    TRACE, DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL;

    int value() {
        return ordinal(); // AIROPS_LOG_TRACE = 0 ... AIROPS_LOG_CRITICAL = 6
    }

    static LogLevel of(int value) {
        LogLevel[] levels = values();
        return levels[Math.max(0, Math.min(value, levels.length - 1))];
    }
}
