package airops_test

import (
	"context"
	"math"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/airops/libairops/bindings/go/airops"
)

func TestLoggerReceivesRequests(t *testing.T) {
	s := server(t)
	var mu sync.Mutex
	var messages []string
	client := s.client(t, airops.WithLogger(airops.LogDebug, func(level airops.LogLevel, message string) {
		mu.Lock()
		defer mu.Unlock()
		if level < airops.LogDebug {
			t.Errorf("a %s message below the minimum level", level)
		}
		messages = append(messages, message)
	}))
	run(testContext(t), t, client, "hello-world", ada)
	client.Close()
	mu.Lock()
	defer mu.Unlock()
	if len(messages) == 0 {
		t.Fatal("no log message for a request")
	}
	for _, message := range messages {
		if strings.Contains(message, s.hashedUserID) {
			t.Fatalf("a log message holds the hashed user id: %q", message)
		}
	}
}

// WithEnvironment reads the host and realtime endpoint that the harness exports.
func TestEnvironmentOption(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	client, err := airops.NewClient(airops.WithEnvironment(), airops.WithIdentity(s.userID, s.workspaceID, s.hashedUserID))
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	defer client.Close()
	streamHello(ctx, t, client)
}

// An explicit option overrides the environment, whatever their order.
func TestExplicitOptionOverridesEnvironment(t *testing.T) {
	s := server(t)
	t.Setenv("AIROPS_HOST", "http://127.0.0.1:1")
	client := s.client(t, airops.WithEnvironment(), airops.WithMaxRetries(0))
	run(testContext(t), t, client, "hello-world", ada)
}

func TestValidOptions(t *testing.T) {
	s := server(t)
	client := s.client(t, airops.WithPusher("demo-key", "us2"), airops.WithRealtimeURL(s.realtimeURL, s.pusherKey),
		airops.WithSubscriptionTimeout(5*time.Second), airops.WithMaxRetries(1))
	run(testContext(t), t, client, "hello-world", ada)
}

func TestCAFileThatIsReadable(t *testing.T) {
	s := server(t)
	empty := t.TempDir() + "/empty.pem"
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// An unreadable file is refused when the options are built; a readable one is used
	// only for TLS, which the plain-http dev server does not need.
	s.client(t, airops.WithCAFile(empty))
}

// A small event buffer still streams a whole short execution; counts outside
// 1...10000000 are refused when the client is made.
func TestMaxBufferedEvents(t *testing.T) {
	s := server(t)
	client := s.client(t, airops.WithMaxBufferedEvents(64))
	ctx := testContext(t)
	streamHello(ctx, t, client)
	for _, count := range []int{0, -1, 10000001, math.MaxInt} {
		_, err := airops.NewClient(s.options(airops.WithMaxBufferedEvents(count))...)
		wantCode(t, err, airops.CodeInvalidArgument)
	}
}

// streamHello streams hello-world for Ada on client and checks the whole stream.
func streamHello(ctx context.Context, t *testing.T, client *airops.Client) {
	t.Helper()
	execution, err := client.Stream(ctx, "hello-world", ada)
	if err != nil {
		t.Fatalf("Stream: %v", err)
	}
	defer execution.Close()
	if err := checkStream(ctx, execution, collect(ctx, t, execution), "Hello, Ada! Welcome to AirOps."); err != nil {
		t.Fatal(err)
	}
}
