package airops_test

import (
	"context"
	"testing"

	"github.com/airops/libairops/bindings/go/airops"
)

// With a context that is never done the calls take the library's blocking functions.
func TestBlockingCalls(t *testing.T) {
	s := server(t)
	ctx := context.Background()
	client := s.client(t)
	result := run(ctx, t, client, "hello-world", ada, airops.AtVersion(1))
	if result.Output != "Hello, Ada!" {
		t.Fatalf("result = %+v", result)
	}
	execution, err := client.Stream(ctx, "hello-world", ada)
	if err != nil {
		t.Fatalf("Stream: %v", err)
	}
	defer execution.Close()
	if err := checkStream(ctx, execution, collect(testContext(t), t, execution), "Hello, Ada! Welcome to AirOps."); err != nil {
		t.Fatal(err)
	}
	fetched, err := execution.Fetch(ctx)
	if err != nil || fetched.State != airops.StateSuccess {
		t.Fatalf("Fetch = %+v, %v", fetched, err)
	}
	_, err = client.Execute(ctx, "no-such-app", nil)
	wantCode(t, err, airops.CodeNotFound)

	turn, err := client.Chat(ctx, "demo-agent", "Hello, my name is Ada")
	if err != nil {
		t.Fatalf("Chat: %v", err)
	}
	defer turn.Close()
	checkTurn(t, collect(testContext(t), t, turn), "recall_session")
}

// Cancel with a context that is never done, then a Wait that Close ends.
func TestBlockingWaitEndsAtClose(t *testing.T) {
	s := server(t)
	ctx := context.Background()
	client := s.client(t)
	cancelled, err := client.Stream(ctx, "slow-echo", map[string]string{"text": "cancel me"})
	if err != nil {
		t.Fatalf("Stream: %v", err)
	}
	defer cancelled.Close()
	if err := cancelled.Cancel(ctx); err != nil {
		t.Fatalf("Cancel: %v", err)
	}
	if events := collect(testContext(t), t, cancelled); len(events) > 0 && events[len(events)-1].Kind == airops.EventCompleted {
		t.Fatalf("a cancelled stream completed: %+v", events)
	}
	if result, err := cancelled.Wait(ctx); err != nil || result.State != airops.StateCancelled {
		t.Fatalf("Wait = %+v, %v", result, err)
	}

	slow, err := client.Execute(ctx, "slow-echo", map[string]string{"text": "closed while waited for"})
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	waited := make(chan error, 1)
	go func() {
		_, err := slow.Wait(ctx)
		waited <- err
	}()
	client.Close()
	select {
	case err := <-waited:
		wantCode(t, err, airops.CodeInvalidArgument)
	case <-testContext(t).Done():
		t.Fatal("Close did not end a blocking Wait")
	}
}
