package airops_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/airops/libairops/bindings/go/airops"
)

// waitReadable waits until fd is readable (events wait for a dispatch), within the test's time.
func waitReadable(ctx context.Context, t *testing.T, fd int) {
	t.Helper()
	for ctx.Err() == nil {
		var set syscall.FdSet
		set.Bits[fd/64] |= 1 << (uint(fd) % 64)
		slice := syscall.NsecToTimeval(int64(100 * time.Millisecond))
		if n, err := syscall.Select(fd+1, &set, nil, nil, &slice); n > 0 {
			return
		} else if err != nil && err != syscall.EINTR {
			t.Fatalf("select on the event fd: %v", err)
		}
	}
	t.Fatalf("the event fd never became readable: %v", ctx.Err())
}

// In queued delivery nothing arrives until the client is dispatched: the start's completion
// is dispatched here by hand, the events by Run on a goroutine that stops halfway.
func TestS16QueuedDelivery(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	client := s.client(t, airops.WithQueuedDelivery())
	fd := client.EventFD()
	if fd < 0 {
		t.Fatalf("EventFD = %d in queued delivery", fd)
	}
	type started struct {
		execution *airops.Execution
		err       error
	}
	starts := make(chan started, 1)
	go func() {
		execution, err := client.Stream(ctx, "slow-echo", map[string]string{"text": "one two three four"})
		starts <- started{execution, err}
	}()
	var start started
	for dispatched := false; !dispatched; {
		waitReadable(ctx, t, fd)
		select {
		case start = <-starts:
			t.Fatal("Stream returned before its completion was dispatched")
		default:
		}
		count, err := client.Dispatch(0)
		if err != nil {
			t.Fatalf("Dispatch: %v", err)
		}
		dispatched = count > 0
	}
	start = <-starts
	if start.err != nil {
		t.Fatalf("Stream: %v", start.err)
	}
	execution := start.execution
	defer execution.Close()

	running, stop := context.WithCancel(ctx)
	stopped := make(chan error, 1)
	go func() { stopped <- client.Run(running) }()
	first := <-execution.Events()
	stop()
	if err := <-stopped; err != context.Canceled {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	// With nobody dispatching, the next events wait behind the fd.
	waitReadable(ctx, t, fd)
	go func() { stopped <- client.Run(ctx) }()
	events := append([]airops.Event{first}, collect(ctx, t, execution)...)
	if err := checkStream(ctx, execution, events, "one two three four"); err != nil {
		t.Fatal(err)
	}
	client.Close()
	if err := <-stopped; err != nil {
		t.Fatalf("Run after Close = %v, want nil", err)
	}
}

func TestS16DirectDeliveryHasNoQueue(t *testing.T) {
	s := server(t)
	client := s.client(t)
	if fd := client.EventFD(); fd != -1 {
		t.Fatalf("EventFD = %d in direct delivery, want -1", fd)
	}
	_, err := client.Dispatch(0)
	wantCode(t, err, airops.CodeInvalidArgument)
	wantCode(t, client.Run(testContext(t)), airops.CodeInvalidArgument)
}
