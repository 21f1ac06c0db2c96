package airops_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/airops/libairops/bindings/go/airops"
)

// App goes through airops_app_get_async with a context that can be done, and through the
// blocking airops_app_get with one that cannot.
var appContexts = map[string]func(t *testing.T) context.Context{
	"non-blocking": testContext,
	"blocking":     func(*testing.T) context.Context { return context.Background() },
}

func TestAppFoundAndNotFound(t *testing.T) {
	s := server(t)
	client := s.client(t)
	for name, contextOf := range appContexts {
		t.Run(name, func(t *testing.T) {
			app, err := client.App(contextOf(t), "hello-world")
			checkHelloWorldApp(t, app, err)
			_, err = client.App(contextOf(t), "no-such-app")
			wantCode(t, err, airops.CodeNotFound)
		})
	}
}

// A queued client's non-blocking App completes in a dispatch.
func TestAppQueued(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	client := s.client(t, airops.WithQueuedDelivery())
	running, stop := context.WithCancel(ctx)
	stopped := make(chan error, 1)
	go func() { stopped <- client.Run(running) }()
	defer func() {
		stop()
		<-stopped
	}()
	if _, err := client.App(ctx, "hello-world"); err != nil {
		t.Fatalf("App: %v", err)
	}
	_, err := client.App(ctx, "no-such-app")
	wantCode(t, err, airops.CodeNotFound)
}

// checkHelloWorldApp fails the test unless App returned the description of hello-world.
func checkHelloWorldApp(t *testing.T, app []byte, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("App: %v", err)
	}
	var info struct {
		UUID string `json:"uuid"`
	}
	if err := json.Unmarshal(app, &info); err != nil || info.UUID != "hello-world" {
		t.Fatalf("App = %s (%v), want uuid hello-world", app, err)
	}
}
