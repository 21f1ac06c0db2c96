package airops_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/airops/libairops/bindings/go/airops"
)

// After Close no callback runs: a late event or log callback would find its cgo.Handle
// deleted and crash the test binary; the log counter and the closed channel show the rest.
func TestS17NoCallbackAfterClose(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	var logged atomic.Int64
	client := s.client(t, airops.WithLogger(airops.LogTrace, func(airops.LogLevel, string) { logged.Add(1) }))
	execution, err := client.Stream(ctx, "slow-echo", map[string]string{"text": "one two three four five six"})
	if err != nil {
		t.Fatalf("Stream: %v", err)
	}
	if first, ok := <-execution.Events(); !ok || first.Kind != airops.EventChunk {
		t.Fatalf("first event %+v (open %v), want a chunk", first, ok)
	}
	if err := execution.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := client.Close(); err != nil {
		t.Fatalf("client Close: %v", err)
	}
	after := logged.Load()
	if after == 0 {
		t.Fatal("the log callback never ran")
	}
	time.Sleep(500 * time.Millisecond)
	late := 0
	for range execution.Events() {
		late++
	}
	if late != 0 || logged.Load() != after {
		t.Fatalf("%d events and %d log messages after close", late, logged.Load()-after)
	}
	if execution.Close() != nil || client.Close() != nil {
		t.Fatal("closing twice failed")
	}
	_, err = execution.Wait(ctx)
	wantCode(t, err, airops.CodeInvalidArgument)
}
