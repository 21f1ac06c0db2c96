package airops_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/airops/libairops/bindings/go/airops"
)

// checkStream checks that events are chunks followed by exactly one completed, that the
// chunks concatenate to the completed content and to want, and that Wait agrees.
func checkStream(ctx context.Context, execution *airops.Execution, events []airops.Event, want string) error {
	if len(events) < 2 {
		return fmt.Errorf("%d events, want chunks and a completed", len(events))
	}
	var text strings.Builder
	for _, event := range events[:len(events)-1] {
		if event.Kind != airops.EventChunk || event.ExecutionID != execution.ID() {
			return fmt.Errorf("event %+v before the last, want a chunk of %s", event, execution.ID())
		}
		text.WriteString(event.Content)
	}
	last := events[len(events)-1]
	if last.Kind != airops.EventCompleted || last.Content != want || text.String() != want {
		return fmt.Errorf("chunks %q, last %+v; want %q", text.String(), last, want)
	}
	result, err := execution.Wait(ctx)
	if err != nil || result.Output != want {
		return fmt.Errorf("Wait = %+v, %v; want %q", result, err, want)
	}
	return nil
}

func TestS10Streaming(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	execution, err := s.client(t).Stream(ctx, "slow-echo", map[string]string{"text": "one two three four"})
	if err != nil {
		t.Fatalf("Stream: %v", err)
	}
	defer execution.Close()
	events := collect(ctx, t, execution)
	if err := checkStream(ctx, execution, events, "one two three four"); err != nil {
		t.Fatal(err)
	}
	if len(events) < 3 {
		t.Fatalf("%d events, want several chunks before completed", len(events))
	}
}

func TestS11ConcurrentStreams(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	before := s.stats(t)["realtime_connections_total"]
	client := s.client(t)
	const streams = 20
	failures := make(chan error, streams)
	var wg sync.WaitGroup
	for i := 0; i < streams; i++ {
		wg.Add(1)
		go func(name string) {
			defer wg.Done()
			execution, err := client.Stream(ctx, "hello-world", map[string]string{"name": name})
			if err != nil {
				failures <- fmt.Errorf("Stream %s: %w", name, err)
				return
			}
			defer execution.Close()
			var events []airops.Event
			for event := range execution.Events() {
				events = append(events, event)
			}
			if err := checkStream(ctx, execution, events, "Hello, "+name+"! Welcome to AirOps."); err != nil {
				failures <- fmt.Errorf("stream %s: %w", name, err)
			}
		}(fmt.Sprintf("n%d", i))
	}
	wg.Wait()
	close(failures)
	for err := range failures {
		t.Error(err)
	}
	if opened := s.stats(t)["realtime_connections_total"] - before; opened != 1 {
		t.Fatalf("%v realtime connections opened for %d streams, want 1", opened, streams)
	}
}
