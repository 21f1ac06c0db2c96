package airops_test

import (
	"context"
	"strings"
	"testing"

	"github.com/airops/libairops/bindings/go/airops"
)

// chatTurn sends one message and returns its events and the reply.
func chatTurn(ctx context.Context, t *testing.T, client *airops.Client, message string, options ...airops.ChatOption) (*airops.Execution, []airops.Event) {
	t.Helper()
	execution, err := client.Chat(ctx, "demo-agent", message, options...)
	if err != nil {
		t.Fatalf("Chat %q: %v", message, err)
	}
	t.Cleanup(func() { execution.Close() })
	return execution, collect(ctx, t, execution)
}

// checkTurn checks the shape of a turn: an action for each tool, response tokens whose
// last is stream_finished, then completed with the reply; it returns the reply.
func checkTurn(t *testing.T, events []airops.Event, tools ...string) string {
	t.Helper()
	var actions []string
	var tokens strings.Builder
	finished := ""
	for i, event := range events {
		switch event.Kind {
		case airops.EventAgentAction:
			actions = append(actions, event.Tool)
		case airops.EventAgentResponse:
			tokens.WriteString(event.Token)
			if event.StreamFinished {
				finished = event.Result
			}
		case airops.EventCompleted:
			if i != len(events)-1 {
				t.Fatalf("completed is event %d of %d", i+1, len(events))
			}
			if event.Result == "" || event.Result != finished || tokens.String() != event.Result {
				t.Fatalf("completed %q, finished response %q, tokens %q", event.Result, finished, tokens.String())
			}
			if strings.Join(actions, ",") != strings.Join(tools, ",") {
				t.Fatalf("actions %v, want %v", actions, tools)
			}
			return event.Result
		default:
			t.Fatalf("unexpected event %+v", event)
		}
	}
	t.Fatalf("no completed event among %d", len(events))
	return ""
}

func TestS12ChatTwoTurns(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	client := s.client(t)
	first, events := chatTurn(ctx, t, client, "Hello, my name is Ada")
	if first.SessionID() == "" {
		t.Fatal("the chat has no session id")
	}
	checkTurn(t, events, "recall_session")
	second, events := chatTurn(ctx, t, client, "What is the weather like?", airops.InSession(first.SessionID()))
	if second.SessionID() != first.SessionID() {
		t.Fatalf("second turn in session %q, want %q", second.SessionID(), first.SessionID())
	}
	reply := checkTurn(t, events, "recall_session", "get_weather")
	if !strings.Contains(reply, "Before that you said: Hello, my name is Ada") {
		t.Fatalf("reply %q does not recall the first message", reply)
	}
	result, err := second.Wait(ctx)
	if err != nil || result.State != airops.StateSuccess {
		t.Fatalf("Wait = %+v, %v", result, err)
	}
}

func TestS13ChatToolError(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	_, events := chatTurn(ctx, t, s.client(t), "please fail now")
	var failures []airops.Event
	for _, event := range events {
		if event.Kind == airops.EventAgentActionError {
			failures = append(failures, event)
		}
	}
	if len(failures) != 1 || failures[0].Tool != "flaky_tool" || failures[0].ToolError == "" {
		t.Fatalf("agent-action-error events %+v, want one for flaky_tool", failures)
	}
}
