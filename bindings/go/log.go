package airops

/*
#include "airops.h"
*/
import "C"

// LogLevel is the severity of a log message of the library, lowest first (airops_log_level).
type LogLevel int

// The log levels (include/airops.h, "Client options").
const (
	LogTrace    LogLevel = C.AIROPS_LOG_TRACE
	LogDebug    LogLevel = C.AIROPS_LOG_DEBUG
	LogInfo     LogLevel = C.AIROPS_LOG_INFO
	LogNotice   LogLevel = C.AIROPS_LOG_NOTICE
	LogWarning  LogLevel = C.AIROPS_LOG_WARNING
	LogError    LogLevel = C.AIROPS_LOG_ERROR
	LogCritical LogLevel = C.AIROPS_LOG_CRITICAL
)

var logLevelNames = map[LogLevel]string{
	LogTrace: "trace", LogDebug: "debug", LogInfo: "info", LogNotice: "notice",
	LogWarning: "warning", LogError: "error", LogCritical: "critical",
}

func (l LogLevel) String() string {
	return logLevelNames[l]
}

// LogFunc receives a client's log messages. It is called on library threads, possibly on
// several at once: it must be safe for concurrent use, must not block, and must not call
// methods of this package that wait (Wait, Fetch, Cancel, Close...).
type LogFunc func(level LogLevel, message string)
