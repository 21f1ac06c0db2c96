package airops_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/airops/libairops/bindings/go/airops"
)

var ada = map[string]string{"name": "Ada"}

func TestS02TemplatedOutput(t *testing.T) {
	s := server(t)
	result := run(testContext(t), t, s.client(t), "hello-world", ada)
	if result.State != airops.StateSuccess || result.Status != "success" || result.Output != "Hello, Ada! Welcome to AirOps." {
		t.Fatalf("result = %+v", result)
	}
}

func TestS03PinnedVersion(t *testing.T) {
	s := server(t)
	result := run(testContext(t), t, s.client(t), "hello-world", ada, airops.AtVersion(1))
	if result.State != airops.StateSuccess || result.Output != "Hello, Ada!" {
		t.Fatalf("result = %+v", result)
	}
}

func TestS05NotFound(t *testing.T) {
	s := server(t)
	_, err := s.client(t).Execute(testContext(t), "no-such-app", nil)
	if failure := wantCode(t, err, airops.CodeNotFound); failure.HTTPStatus != 404 {
		t.Fatalf("HTTPStatus = %d, want 404", failure.HTTPStatus)
	}
}

func TestS06FailingApp(t *testing.T) {
	s := server(t)
	result := run(testContext(t), t, s.client(t), "always-fails", nil)
	if result.State != airops.StateError || result.ErrorMessage != "This demo app always fails." || result.ErrorCode != "demo_failure" {
		t.Fatalf("result = %+v", result)
	}
}

func TestS08GetByID(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	client := s.client(t)
	started, err := client.Execute(ctx, "hello-world", ada)
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	defer started.Close()
	opened, err := client.OpenExecution(started.ID())
	if err != nil {
		t.Fatalf("OpenExecution: %v", err)
	}
	defer opened.Close()
	result, err := opened.Wait(ctx)
	if err != nil {
		t.Fatalf("Wait: %v", err)
	}
	if opened.ID() != started.ID() || result.ExecutionID != started.ID() || result.Output != "Hello, Ada! Welcome to AirOps." {
		t.Fatalf("opened %s, started %s, result %+v", opened.ID(), started.ID(), result)
	}
	fetched, err := started.Fetch(ctx)
	if err != nil || fetched.Output != result.Output || fetched.ExecutionID != started.ID() {
		t.Fatalf("Fetch = %+v, %v", fetched, err)
	}
}

func TestS09Cancel(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	execution, err := s.client(t).Execute(ctx, "slow-echo", map[string]string{"text": "never finished"})
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	defer execution.Close()
	if err := execution.Cancel(ctx); err != nil {
		t.Fatalf("Cancel: %v", err)
	}
	result, err := execution.Wait(ctx)
	if err != nil || result.State != airops.StateCancelled || result.Status != "cancelled" {
		t.Fatalf("Wait = %+v, %v", result, err)
	}
	if err := execution.Cancel(ctx); err != nil {
		t.Fatalf("a second Cancel: %v", err)
	}
}

func TestS14WaitTimeoutThenSuccess(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	execution, err := s.client(t).Execute(ctx, "slow-echo", map[string]string{"text": "patience"})
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	defer execution.Close()
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	_, err = execution.Wait(short)
	wantCode(t, err, airops.CodeTimeout)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("errors.Is(%v, context.DeadlineExceeded) is false", err)
	}
	result, err := execution.Wait(ctx)
	if err != nil || result.State != airops.StateSuccess || result.Output != "patience" {
		t.Fatalf("second Wait = %+v, %v", result, err)
	}
}

// Execute and Wait run on the library's non-blocking calls: a cancelled wait returns while
// the execution still runs, and the same calls give S02's output.
func TestS15NonBlocking(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	client := s.client(t)
	slow, err := client.Execute(ctx, "slow-echo", map[string]string{"text": "still running"})
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	defer slow.Close()
	cancelled, cancel := context.WithCancel(ctx)
	waited := make(chan error, 1)
	go func() {
		_, err := slow.Wait(cancelled)
		waited <- err
	}()
	cancel()
	if err := <-waited; err != context.Canceled {
		t.Fatalf("Wait with a cancelled context = %v, want context.Canceled", err)
	}
	record, err := slow.Fetch(ctx)
	if err != nil || record.State == airops.StateSuccess {
		t.Fatalf("Fetch after the cancelled wait = %+v, %v; want it still unfinished", record, err)
	}
	if err := slow.Cancel(ctx); err != nil {
		t.Fatalf("Cancel: %v", err)
	}
	result := run(ctx, t, client, "hello-world", ada)
	if result.Output != "Hello, Ada! Welcome to AirOps." {
		t.Fatalf("result = %+v", result)
	}
}
