package airops_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"testing"
	"time"
)

// netTools are the forward proxies and the witness server that
// `tests/with_dev_server.py --net-tools` runs (tests/net) and exports.
type netTools struct {
	proxy, refusingProxy, witness string
}

func tools(t *testing.T) netTools {
	t.Helper()
	n := netTools{
		proxy: os.Getenv("AIROPS_TEST_PROXY"), refusingProxy: os.Getenv("AIROPS_TEST_PROXY_REFUSING"),
		witness: os.Getenv("AIROPS_TEST_WITNESS"),
	}
	if n.proxy == "" || n.refusingProxy == "" || n.witness == "" {
		t.Skip("the net tools are not running: AIROPS_TEST_PROXY, AIROPS_TEST_PROXY_REFUSING or " +
			"AIROPS_TEST_WITNESS is not set (run-tests.sh runs the tests under --net-tools)")
	}
	return n
}

// withoutProxyVariables empties the proxy variables for the test (the library reads an
// empty one as unset), so that only the options it gives choose the proxy.
func withoutProxyVariables(t *testing.T) {
	for _, name := range []string{"HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY",
		"https_proxy", "http_proxy", "all_proxy", "no_proxy"} {
		t.Setenv(name, "")
	}
}

// direct sends the tests' own requests to the tools and the dev server, never through a
// proxy.
var direct = &http.Client{Transport: &http.Transport{Proxy: nil}, Timeout: 10 * time.Second}

// connect is one CONNECT a proxy answered: the target's host:port and its status.
type connect struct {
	Target string `json:"target"`
	Status int    `json:"status"`
}

// proxyStats is what a test proxy did since it started (GET /__stats, in origin form).
type proxyStats struct {
	Connects     []connect         `json:"connects"`
	Forwards     []json.RawMessage `json:"forwards"`
	AuthFailures int               `json:"auth_failures"`
}

func statsOf(t *testing.T, proxyURL string) proxyStats {
	t.Helper()
	var stats proxyStats
	send(t, http.MethodGet, proxyURL+"/__stats", nil, nil, &stats)
	return stats
}

// authority is a URL's host:port, as a proxy records the target of a CONNECT.
func authority(t *testing.T, rawURL string) string {
	t.Helper()
	parsed, err := url.Parse(rawURL)
	if err != nil {
		t.Fatalf("parse %q: %v", rawURL, err)
	}
	return parsed.Host
}

// redirectOnce makes the dev server answer the next call of endpoint with status and
// location (PUT /dev/faults); the rules are cleared when the test ends.
func redirectOnce(t *testing.T, s devServer, endpoint string, status int, location string) {
	t.Helper()
	rule := map[string]any{"endpoint": endpoint, "status": status, "location": location, "count": 1}
	setFaults(t, s, map[string]any{"rules": []any{rule}})
	t.Cleanup(func() { setFaults(t, s, map[string]any{}) })
}

func setFaults(t *testing.T, s devServer, config map[string]any) {
	t.Helper()
	body, err := json.Marshal(config)
	if err != nil {
		t.Fatal(err)
	}
	headers := adminHeaders()
	headers["Content-Type"] = "application/json"
	send(t, http.MethodPut, s.host+"/dev/faults", body, headers, nil)
}

// send makes one request and decodes its JSON answer into answer (unless nil).
func send(t *testing.T, method, target string, body []byte, headers map[string]string, answer any) {
	t.Helper()
	request, err := http.NewRequest(method, target, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for name, value := range headers {
		request.Header.Set(name, value)
	}
	response, err := direct.Do(request)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer response.Body.Close()
	if response.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: HTTP %d", method, target, response.StatusCode)
	}
	if answer != nil {
		if err := json.NewDecoder(response.Body).Decode(answer); err != nil {
			t.Fatalf("%s %s: %v", method, target, fmt.Errorf("decode the answer: %w", err))
		}
	}
}
