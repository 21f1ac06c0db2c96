package airops

import (
	"sync"
)

// eventStream carries one execution's events from the library's callback to a channel.
// The callback never blocks (a blocked callback would hold up every other execution of
// the client): it appends to a queue that a goroutine feeds into the channel. The channel
// closes after EventCompleted, or when the stream stops (cancel, close), dropping what the
// reader has not taken: once stop returns, the channel is closed and empty.
type eventStream struct {
	handle  ref
	events  chan Event
	wake    chan struct{}
	stopped chan struct{}
	fed     chan struct{} // closed when feed has returned
	once    sync.Once

	mu     sync.Mutex
	queue  []Event
	ending bool
}

func newEventStream() *eventStream {
	s := &eventStream{events: make(chan Event), wake: make(chan struct{}, 1), stopped: make(chan struct{}), fed: make(chan struct{})}
	s.handle = newRef(s)
	go s.feed()
	return s
}

// stop ends the stream; call it once the library calls the callback no more (after
// cancel or free, or when the start failed). Calling it again, or on nil, does nothing.
func (s *eventStream) stop() {
	if s == nil {
		return
	}
	s.once.Do(func() {
		close(s.stopped)
		s.handle.delete()
	})
	<-s.fed
}

// push queues an event (from the library's thread).
func (s *eventStream) push(event Event) {
	s.mu.Lock()
	if !s.ending {
		s.queue = append(s.queue, event)
		s.ending = event.Kind == EventCompleted
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *eventStream) feed() {
	defer close(s.fed)
	defer close(s.events)
	for {
		select {
		case <-s.wake:
		case <-s.stopped:
			return
		}
		s.mu.Lock()
		batch, last := s.queue, s.ending
		s.queue = nil
		s.mu.Unlock()
		for _, event := range batch {
			select {
			case s.events <- event:
			case <-s.stopped:
				return
			}
		}
		if last {
			return
		}
	}
}
