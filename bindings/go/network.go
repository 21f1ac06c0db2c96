package airops

/*
#include "airops.h"
*/
import "C"

// The network policy (airops.h, "Network: proxies, redirects, transport security"): one
// policy covers every connection of a client, API calls, realtime channel authorization and
// the realtime WebSocket alike. The identity headers go to the configured host only, and
// TLS is 1.2 or later with certificates always verified.

// WithProxy sends every connection through the HTTP proxy proxyURL,
// "http://[user:password@]host[:port]" (port 80 when omitted), overriding HTTPS_PROXY,
// HTTP_PROXY and ALL_PROXY. Every connection is a CONNECT tunnel to the target host, with
// TLS to the target inside it for https:// and wss://: the proxy relays bytes and never sees
// a request or the identity headers. Credentials in the URL are percent-decoded and sent as
// Proxy-Authorization: Basic; they never appear in a log or an error. "" connects directly,
// whatever the environment says. Hosts that NO_PROXY (or WithNoProxy) names are reached
// directly. A proxy that refuses the tunnel (or wants credentials) fails the call with
// CodeNetwork and a message that names the proxy and says "refused the tunnel" (with the
// proxy's status where it is known: 407 always). A URL that is not http:// with a host, or
// has a path or an invalid port, gives CodeInvalidArgument.
func WithProxy(proxyURL string) Option {
	return withSetter(func(o *C.airops_options, a *cArgs) error {
		value := a.str("proxy url", proxyURL)
		return a.call(func(cerr **C.airops_error) C.airops_code { return C.airops_options_set_proxy(o, value, cerr) })
	})
}

// WithNoProxy sets the hosts reached without the proxy, overriding NO_PROXY: a
// comma-separated list of host names, domain suffixes (".example.com" and "example.com"
// both match the domain and its subdomains), IP addresses and CIDR ranges ("10.0.0.0/8",
// "::1/128"), each optionally with ":port"; "*" matches every host. "" proxies every host.
// Loopback hosts are proxied too unless the list names them, as in libcurl. An entry of
// another form gives CodeInvalidArgument.
func WithNoProxy(hosts string) Option {
	return withSetter(func(o *C.airops_options, a *cArgs) error {
		value := a.str("no proxy hosts", hosts)
		return a.call(func(cerr **C.airops_error) C.airops_code { return C.airops_options_set_no_proxy(o, value, cerr) })
	})
}

// RedirectPolicy is what a client does with an HTTP redirect, a 3xx with a Location
// (airops_redirects).
type RedirectPolicy int

const (
	// RedirectsNever makes a 3xx answer an error: CodeRedirect, the status in HTTPStatus,
	// the target in the message. The default.
	RedirectsNever RedirectPolicy = C.AIROPS_REDIRECTS_NEVER
	// RedirectsSameOrigin follows redirects to the same origin (scheme, host and port), up
	// to 5 in a row; any other target is an error as with RedirectsNever, so the identity
	// and the body never reach another origin and https is never downgraded to http. 307
	// and 308 repeat the method and body; 303, and 301/302 after a POST, continue with a GET.
	RedirectsSameOrigin RedirectPolicy = C.AIROPS_REDIRECTS_SAME_ORIGIN
)

// WithRedirects chooses how redirects are handled (default RedirectsNever). An unknown
// policy gives CodeInvalidArgument.
func WithRedirects(policy RedirectPolicy) Option {
	return withSetter(func(o *C.airops_options, a *cArgs) error {
		value := C.airops_redirects(policy)
		if RedirectPolicy(value) != policy {
			return invalidArgument("redirect policy out of range: %d", policy)
		}
		return a.call(func(cerr **C.airops_error) C.airops_code { return C.airops_options_set_redirects(o, value, cerr) })
	})
}

// WithInsecureHTTP allows (true) or forbids (false, the default) an identified client to
// talk plain http:// to a host that is not loopback. Without it NewClient refuses such a
// client with CodeInvalidArgument, since the hashed user id is a credential; loopback hosts
// (127.0.0.0/8, ::1, "localhost") are always allowed, so the dev server needs no opt-in. A
// ws:// realtime URL next to an https:// host is refused whatever this says.
func WithInsecureHTTP(allow bool) Option {
	return withSetter(func(o *C.airops_options, a *cArgs) error {
		var value C.int
		if allow {
			value = 1
		}
		return a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_options_allow_insecure_http(o, value, cerr)
		})
	})
}
