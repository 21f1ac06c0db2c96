package airops

/*
#include "airops.h"
*/
import "C"

import "time"

// Option configures a client made by NewClient.
type Option func(*settings)

// settings collects the options: the environment is applied first, so that every explicit
// option overrides it, then the setters in the order given.
type settings struct {
	environment bool
	setters     []setter
	queued      bool
	logLevel    LogLevel
	logFunc     LogFunc
}

// setter calls one airops_options_set_* function; a holds its C strings.
type setter func(o *C.airops_options, a *cArgs) error

func withSetter(set setter) Option {
	return func(s *settings) { s.setters = append(s.setters, set) }
}

// milliseconds converts a duration for the library, which rejects values that are not
// positive (so does a duration under one millisecond).
func milliseconds(d time.Duration) C.int64_t {
	return C.int64_t(d.Milliseconds())
}

// WithIdentity identifies the end user, as the JavaScript SDK's AirOps.identify does; all
// three values are required. hashedUserID is HashUserID(apiKey, userID), computed on your
// backend. Without an identity a client runs public apps only.
func WithIdentity(userID, workspaceID, hashedUserID string) Option {
	return withSetter(func(o *C.airops_options, a *cArgs) error {
		user, workspace, hashed := a.str("user id", userID), a.str("workspace id", workspaceID), a.str("hashed user id", hashedUserID)
		return a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_options_set_identity(o, user, workspace, hashed, cerr)
		})
	})
}

// WithHost sets the API host, e.g. "http://127.0.0.1:8080" (default https://app.airops.com).
func WithHost(host string) Option {
	return withSetter(func(o *C.airops_options, a *cArgs) error {
		value := a.str("host", host)
		return a.call(func(cerr **C.airops_error) C.airops_code { return C.airops_options_set_host(o, value, cerr) })
	})
}

// WithRequestTimeout sets the timeout of one HTTP request (default 30 s).
func WithRequestTimeout(timeout time.Duration) Option {
	return withSetter(func(o *C.airops_options, a *cArgs) error {
		return a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_options_set_request_timeout(o, milliseconds(timeout), cerr)
		})
	})
}

// WithEnvironment applies AIROPS_HOST, and AIROPS_PUSHER_KEY with AIROPS_REALTIME_URL or
// AIROPS_PUSHER_CLUSTER, from the environment (never the identity). Explicit options
// override them, whatever their order.
func WithEnvironment() Option {
	return func(s *settings) { s.environment = true }
}

// WithRealtimeURL sets the realtime endpoint (Pusher Channels protocol) of streamed
// executions and chats: a ws:// or wss:// URL and the Pusher app key.
func WithRealtimeURL(url, key string) Option {
	return withSetter(func(o *C.airops_options, a *cArgs) error {
		curl, ckey := a.str("realtime url", url), a.str("pusher key", key)
		return a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_options_set_realtime_url(o, curl, ckey, cerr)
		})
	})
}

// WithPusher sets the realtime endpoint to hosted Pusher: the app key and its cluster.
func WithPusher(key, cluster string) Option {
	return withSetter(func(o *C.airops_options, a *cArgs) error {
		ckey, ccluster := a.str("pusher key", key), a.str("pusher cluster", cluster)
		return a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_options_set_pusher(o, ckey, ccluster, cerr)
		})
	})
}

// WithSubscriptionTimeout sets how long a streamed call waits for the realtime server to
// confirm its subscription (default 10 s).
func WithSubscriptionTimeout(timeout time.Duration) Option {
	return withSetter(func(o *C.airops_options, a *cArgs) error {
		return a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_options_set_subscription_timeout(o, milliseconds(timeout), cerr)
		})
	})
}

// WithCAFile trusts the certificate authorities in a PEM file instead of the system's,
// for HTTPS and WSS. Certificates are always verified.
func WithCAFile(path string) Option {
	return withSetter(func(o *C.airops_options, a *cArgs) error {
		cpath := a.str("CA file", path)
		return a.call(func(cerr **C.airops_error) C.airops_code { return C.airops_options_set_ca_file(o, cpath, cerr) })
	})
}

// WithMaxRetries sets how often a failed request is sent again (default 2; 0 never). Calls
// that start an execution are retried only when the server cannot have started it.
func WithMaxRetries(retries int) Option {
	return withSetter(func(o *C.airops_options, a *cArgs) error {
		if int(C.int(retries)) != retries {
			return invalidArgument("max retries out of range: %d", retries)
		}
		return a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_options_set_max_retries(o, C.int(retries), cerr)
		})
	})
}

// WithMaxBufferedEvents sets how many events of one streamed execution may wait for their
// reader, and for a queued client how many callbacks may wait for a dispatch (default
// 10000, at most 10000000). A reader that falls further behind gets, instead of the rest of
// the stream, one EventCompleted whose ErrorCode is "events_overflowed"; Wait still returns
// the execution's record.
func WithMaxBufferedEvents(maxEvents int) Option {
	return withSetter(func(o *C.airops_options, a *cArgs) error {
		if maxEvents < 0 {
			return invalidArgument("max buffered events out of range: %d", maxEvents)
		}
		return a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_options_set_max_buffered_events(o, C.size_t(maxEvents), cerr)
		})
	})
}

// WithLogger sends the client's log messages at minLevel and above to log (see LogFunc).
// Secrets never appear in them.
func WithLogger(minLevel LogLevel, log LogFunc) Option {
	return func(s *settings) { s.logLevel, s.logFunc = minLevel, log }
}

// WithQueuedDelivery holds events and completions until the client is dispatched (Run, or
// Dispatch when EventFD is readable) instead of delivering them on a library thread. Every
// call that waits (Execute, Wait...) then needs a dispatcher running.
func WithQueuedDelivery() Option {
	return func(s *settings) { s.queued = true }
}
