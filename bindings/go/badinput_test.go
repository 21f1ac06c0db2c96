package airops_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/airops/libairops/bindings/go/airops"
)

func TestS18BadInput(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	client := s.client(t)
	bad := map[string]struct {
		app    string
		inputs any
		option []airops.ExecuteOption
	}{
		"malformed JSON":       {"hello-world", json.RawMessage(`{"name":`), nil},
		"inputs not an object": {"hello-world", []string{"Ada"}, nil},
		"inputs not encodable": {"hello-world", map[string]any{"name": make(chan int)}, nil},
		"empty app id":         {"", ada, nil},
		"NUL in app id":        {"hello\x00world", ada, nil},
		"negative version":     {"hello-world", ada, []airops.ExecuteOption{airops.AtVersion(-1)}},
	}
	for name, call := range bad {
		_, err := client.Execute(ctx, call.app, call.inputs, call.option...)
		t.Run(name, func(t *testing.T) { wantCode(t, err, airops.CodeInvalidArgument) })
		_, err = client.Stream(ctx, call.app, call.inputs, call.option...)
		t.Run(name+" streamed", func(t *testing.T) { wantCode(t, err, airops.CodeInvalidArgument) })
	}
	_, err := client.Chat(ctx, "demo-agent", "")
	wantCode(t, err, airops.CodeInvalidArgument)
	_, err = client.Chat(ctx, "demo-agent", "hello", airops.InSession(""))
	wantCode(t, err, airops.CodeInvalidArgument)
	_, err = client.OpenExecution("")
	wantCode(t, err, airops.CodeInvalidArgument)
	_, err = client.App(ctx, "")
	wantCode(t, err, airops.CodeInvalidArgument)
	_, err = client.Dispatch(-1)
	wantCode(t, err, airops.CodeInvalidArgument)

	closed, err := airops.NewClient(s.options()...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	execution, err := closed.Execute(ctx, "hello-world", ada)
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	closed.Close()
	_, err = closed.Execute(ctx, "hello-world", ada)
	wantCode(t, err, airops.CodeInvalidArgument)
	_, err = closed.App(ctx, "hello-world")
	wantCode(t, err, airops.CodeInvalidArgument)
	_, err = closed.OpenExecution(execution.ID())
	wantCode(t, err, airops.CodeInvalidArgument)
	_, err = execution.Fetch(ctx)
	wantCode(t, err, airops.CodeInvalidArgument)
	wantCode(t, execution.Cancel(ctx), airops.CodeInvalidArgument)
}

func TestS18BadOptions(t *testing.T) {
	bad := map[string]airops.Option{
		"host not a URL":        airops.WithHost("not a url"),
		"realtime not ws":       airops.WithRealtimeURL("http://127.0.0.1:1", "key"),
		"empty pusher key":      airops.WithPusher("", "us2"),
		"zero request timeout":  airops.WithRequestTimeout(0),
		"negative subscription": airops.WithSubscriptionTimeout(-time.Second),
		"negative retries":      airops.WithMaxRetries(-1),
		"missing CA file":       airops.WithCAFile("/nonexistent/ca.pem"),
		"empty identity":        airops.WithIdentity("", "1", "x"),
		"NUL in host":           airops.WithHost("http://127.0.0.1\x00:1"),
		"unknown log level":     airops.WithLogger(airops.LogLevel(99), func(airops.LogLevel, string) {}),
	}
	for name, option := range bad {
		t.Run(name, func(t *testing.T) {
			client, err := airops.NewClient(option)
			if err == nil {
				client.Close()
			}
			wantCode(t, err, airops.CodeInvalidArgument)
		})
	}
}
