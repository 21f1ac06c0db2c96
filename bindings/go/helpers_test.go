package airops_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/airops/libairops/bindings/go/airops"
)

// testTimeout bounds every test's calls, so that a hang fails instead of blocking the run.
const testTimeout = 30 * time.Second

// devServer is what tests/with_dev_server.py exports about the running dev server.
type devServer struct {
	host, workspaceID, userID, apiKey, hashedUserID, realtimeURL, pusherKey string
}

func server(t *testing.T) devServer {
	t.Helper()
	s := devServer{
		host: os.Getenv("AIROPS_HOST"), workspaceID: os.Getenv("AIROPS_WORKSPACE_ID"),
		userID: os.Getenv("AIROPS_USER_ID"), apiKey: os.Getenv("AIROPS_API_KEY"),
		hashedUserID: os.Getenv("AIROPS_HASHED_USER_ID"), realtimeURL: os.Getenv("AIROPS_REALTIME_URL"),
		pusherKey: os.Getenv("AIROPS_PUSHER_KEY"),
	}
	if s.host == "" {
		t.Fatal("AIROPS_HOST is not set: run the tests through the dev server harness, " +
			"e.g. bindings/go/run-tests.sh (python3 tests/with_dev_server.py -- go test ./...)")
	}
	return s
}

// options are the options of a client of the dev server identified as its demo user.
func (s devServer) options(extra ...airops.Option) []airops.Option {
	return append([]airops.Option{
		airops.WithIdentity(s.userID, s.workspaceID, s.hashedUserID),
		airops.WithHost(s.host),
		airops.WithRealtimeURL(s.realtimeURL, s.pusherKey),
		airops.WithRequestTimeout(10 * time.Second),
	}, extra...)
}

// client is a client of the dev server, closed when the test ends.
func (s devServer) client(t *testing.T, extra ...airops.Option) *airops.Client {
	t.Helper()
	client, err := airops.NewClient(s.options(extra...)...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

// stats is the dev server's GET /dev/stats.
func (s devServer) stats(t *testing.T) map[string]float64 {
	t.Helper()
	var stats map[string]float64
	send(t, http.MethodGet, s.host+"/dev/stats", nil, adminHeaders(), &stats)
	return stats
}

// adminHeaders authorize a request to the dev server's /dev/ endpoints.
func adminHeaders() map[string]string {
	return map[string]string{"Authorization": "Bearer " + os.Getenv("AIROPS_DEV_ADMIN_TOKEN")}
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// collect reads an execution's events until their channel closes.
func collect(ctx context.Context, t *testing.T, execution *airops.Execution) []airops.Event {
	t.Helper()
	var events []airops.Event
	for {
		select {
		case event, ok := <-execution.Events():
			if !ok {
				return events
			}
			events = append(events, event)
		case <-ctx.Done():
			t.Fatalf("events of %s: %v after %d events", execution.ID(), ctx.Err(), len(events))
		}
	}
}

// run executes an app and waits for its result.
func run(ctx context.Context, t *testing.T, client *airops.Client, app string, inputs any, options ...airops.ExecuteOption) *airops.Result {
	t.Helper()
	execution, err := client.Execute(ctx, app, inputs, options...)
	if err != nil {
		t.Fatalf("Execute %s: %v", app, err)
	}
	defer execution.Close()
	result, err := execution.Wait(ctx)
	if err != nil {
		t.Fatalf("Wait %s: %v", app, err)
	}
	return result
}

// wantCode checks that err is an *airops.Error with the given code.
func wantCode(t *testing.T, err error, code airops.Code) *airops.Error {
	t.Helper()
	var failure *airops.Error
	if !errors.As(err, &failure) || failure.Code != code {
		t.Fatalf("want an *airops.Error with %s, got %v", code, err)
	}
	if !errors.Is(err, code) {
		t.Fatalf("errors.Is(%v, %s) is false", err, code)
	}
	return failure
}
