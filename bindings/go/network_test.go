package airops_test

import (
	"context"
	"strings"
	"testing"

	"github.com/airops/libairops/bindings/go/airops"
)

// The network options over plain HTTP, under `tests/with_dev_server.py --net-tools`.
// tests/net/test_network.c and the Python suite cover the policy itself; these check that
// the binding forwards each option and maps the codes.

const hello = "Hello, Ada! Welcome to AirOps."

// An identity over plain http:// to a host that is not loopback is refused at creation,
// before any request, unless the client opts in.
func TestInsecureHTTPNeedsTheOptIn(t *testing.T) {
	s := server(t)
	remote := []airops.Option{airops.WithIdentity(s.userID, s.workspaceID, s.hashedUserID),
		airops.WithHost("http://example.com"), airops.WithRealtimeURL(s.realtimeURL, s.pusherKey)}
	for _, refused := range [][]airops.Option{remote, append(remote[:3:3], airops.WithInsecureHTTP(false))} {
		_, err := airops.NewClient(refused...)
		if failure := wantCode(t, err, airops.CodeInvalidArgument); !strings.Contains(failure.Message, "https://") {
			t.Fatalf("the refusal does not say to use https://: %q", failure.Message)
		}
	}
	client, err := airops.NewClient(append(remote[:3:3], airops.WithInsecureHTTP(true))...)
	if err != nil {
		t.Fatalf("NewClient with WithInsecureHTTP(true): %v", err)
	}
	client.Close()
}

// The API calls and the WebSocket of a streamed execution each go through a CONNECT tunnel
// of the proxy; the proxy never reads a request.
func TestStreamThroughTheProxy(t *testing.T) {
	s, n := server(t), tools(t)
	withoutProxyVariables(t)
	ctx := testContext(t)
	before := statsOf(t, n.proxy)
	client := s.client(t, airops.WithProxy(n.proxy), airops.WithNoProxy(""), airops.WithMaxRetries(0))
	execution, err := client.Stream(ctx, "hello-world", ada)
	if err != nil {
		t.Fatalf("Stream through the proxy: %v", err)
	}
	defer execution.Close()
	if err := checkStream(ctx, execution, collect(ctx, t, execution), hello); err != nil {
		t.Fatal(err)
	}
	after := statsOf(t, n.proxy)
	connects := after.Connects[len(before.Connects):]
	if len(connects) < 2 || len(after.Forwards) != len(before.Forwards) {
		t.Fatalf("the proxy saw connects %+v and %d forwards, want at least 2 tunnels (API and WebSocket) and no forward",
			connects, len(after.Forwards)-len(before.Forwards))
	}
	targets := map[string]bool{authority(t, s.host): true, authority(t, s.realtimeURL): true}
	for _, c := range connects {
		if !targets[c.Target] || c.Status != 200 {
			t.Fatalf("a tunnel %+v, want one to the dev server answered 200", c)
		}
	}
}

// A proxy that refuses the tunnel fails the call with the network code and a message that
// names the proxy, whether the call streams or not.
func TestRefusingProxyGivesANetworkError(t *testing.T) {
	s, n := server(t), tools(t)
	withoutProxyVariables(t)
	ctx := testContext(t)
	client := s.client(t, airops.WithProxy(n.refusingProxy), airops.WithNoProxy(""), airops.WithMaxRetries(0))
	calls := map[string]func(context.Context, string, any, ...airops.ExecuteOption) (*airops.Execution, error){
		"Execute": client.Execute, "Stream": client.Stream,
	}
	for name, call := range calls {
		execution, err := call(ctx, "hello-world", ada)
		if err == nil {
			execution.Close()
			t.Fatalf("%s through a refusing proxy succeeded", name)
		}
		failure := wantCode(t, err, airops.CodeNetwork)
		if !strings.Contains(failure.Message, n.refusingProxy) || !strings.Contains(failure.Message, "refused the tunnel") {
			t.Fatalf("%s: the message %q does not say that %s refused the tunnel", name, failure.Message, n.refusingProxy)
		}
		if failure.HTTPStatus != 0 {
			t.Fatalf("%s: HTTP status %d, want 0 (the proxy's answer is not the server's)", name, failure.HTTPStatus)
		}
	}
}

// By default a redirect is an error with its status, even one the client could follow.
func TestRedirectIsAnError(t *testing.T) {
	s, n := server(t), tools(t)
	withoutProxyVariables(t)
	redirectOnce(t, s, "get_app", 307, n.witness+"/x")
	_, err := s.client(t, airops.WithMaxRetries(0)).App(testContext(t), "hello-world")
	failure := wantCode(t, err, airops.CodeRedirect)
	if failure.HTTPStatus != 307 || !strings.Contains(failure.Message, authority(t, n.witness)) {
		t.Fatalf("HTTP status %d, message %q; want 307 and the target %s", failure.HTTPStatus, failure.Message, n.witness)
	}
}

// RedirectsSameOrigin follows a redirect to the same origin.
func TestSameOriginRedirectIsFollowed(t *testing.T) {
	s := server(t)
	withoutProxyVariables(t)
	client := s.client(t, airops.WithMaxRetries(0), airops.WithRedirects(airops.RedirectsSameOrigin))
	injected := s.stats(t)["faults_injected"]
	redirectOnce(t, s, "get_app", 307, s.host+"/sdk_api/airops_app_bases/hello-world")
	if _, err := client.App(testContext(t), "hello-world"); err != nil {
		t.Fatalf("App after a same-origin redirect: %v", err)
	}
	if got := s.stats(t)["faults_injected"]; got != injected+1 {
		t.Fatalf("faults_injected went from %v to %v: the redirect was not answered", injected, got)
	}
}

// Malformed network options are refused at creation, and the refusal never shows the
// proxy's password.
func TestMalformedNetworkOptions(t *testing.T) {
	s := server(t)
	const password = "s3cret"
	options := map[string]airops.Option{
		"socks proxy":          airops.WithProxy("socks5://tester:" + password + "@127.0.0.1:1080"),
		"proxy without host":   airops.WithProxy("http://tester:" + password + "@"),
		"proxy port too large": airops.WithProxy("http://tester:" + password + "@host:99999"),
		"proxy with a path":    airops.WithProxy("http://127.0.0.1:3128/path"),
		"NUL in proxy":         airops.WithProxy("http://127.0.0.1\x00:3128"),
		"bad CIDR":             airops.WithNoProxy("10.0.0.0/99"),
		"bad no-proxy entry":   airops.WithNoProxy("a b"),
		"unknown redirects":    airops.WithRedirects(airops.RedirectPolicy(7)),
		"negative redirects":   airops.WithRedirects(airops.RedirectPolicy(-1)),
	}
	for name, option := range options {
		_, err := airops.NewClient(s.options(option)...)
		if failure := wantCode(t, err, airops.CodeInvalidArgument); strings.Contains(failure.Error(), password) {
			t.Fatalf("%s: the error shows the password: %v", name, failure)
		}
	}
}
