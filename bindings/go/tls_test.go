package airops_test

import (
	"os"
	"testing"

	"github.com/airops/libairops/bindings/go/airops"
)

// Under `tests/with_dev_server.py --tls` (run-tests.sh runs this test so once): the server's
// self-signed certificate is trusted through WithCAFile for HTTPS and WSS, and not without it.
func TestTLSWithCAFile(t *testing.T) {
	caFile := os.Getenv("AIROPS_CA_FILE")
	if caFile == "" {
		t.Skip("the dev server does not serve TLS: AIROPS_CA_FILE is not set (run-tests.sh runs this test under --tls)")
	}
	s := server(t)
	ctx := testContext(t)
	execution, err := s.client(t, airops.WithCAFile(caFile)).Stream(ctx, "hello-world", ada)
	if err != nil {
		t.Fatalf("Stream over TLS: %v", err)
	}
	defer execution.Close()
	if err := checkStream(ctx, execution, collect(ctx, t, execution), "Hello, Ada! Welcome to AirOps."); err != nil {
		t.Fatal(err)
	}
	_, err = s.client(t, airops.WithMaxRetries(0)).Execute(ctx, "hello-world", ada)
	wantCode(t, err, airops.CodeNetwork)
}
