// Command demo shows the Go binding against an AirOps server: it identifies the demo user,
// streams an app's output and chats with an agent for two turns.
//
// Run it against the dev server, which exports the AIROPS_* variables it reads:
//
//	python3 tests/with_dev_server.py -- go run ./examples/go
//
// (with CGO_LDFLAGS=-L<dir of libairops.so> and LD_LIBRARY_PATH=<same dir> unless the
// library is in build/lib).
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/airops/libairops/bindings/go/airops"
)

func main() {
	if err := demo(); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func demo() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	user, workspace := os.Getenv("AIROPS_USER_ID"), os.Getenv("AIROPS_WORKSPACE_ID")
	if user == "" || workspace == "" {
		return fmt.Errorf("set the AIROPS_* variables the dev server prints")
	}
	// Your backend computes this: the API key must never reach an end user's device.
	hashed, err := airops.HashUserID(os.Getenv("AIROPS_API_KEY"), user)
	if err != nil {
		return err
	}
	client, err := airops.NewClient(airops.WithEnvironment(), airops.WithIdentity(user, workspace, hashed))
	if err != nil {
		return err
	}
	defer client.Close()
	fmt.Printf("libairops %s, identified as %s\n", airops.Version(), user)

	if err := stream(ctx, client); err != nil {
		return err
	}
	session := ""
	for _, message := range []string{"Hello, my name is Ada", "What is the weather like?"} {
		if session, err = chat(ctx, client, message, session); err != nil {
			return err
		}
	}
	return nil
}

// stream runs slow-echo streamed and prints its chunks as they arrive.
func stream(ctx context.Context, client *airops.Client) error {
	execution, err := client.Stream(ctx, "slow-echo", map[string]string{"text": "streamed to Go, word by word"})
	if err != nil {
		return err
	}
	defer execution.Close()
	fmt.Print("stream: ")
	for event := range execution.Events() {
		if event.Kind == airops.EventChunk {
			fmt.Print(event.Content)
		}
	}
	result, err := execution.Wait(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("\nstream: %s with %q\n", result.State, result.Output)
	return nil
}

// chat sends one message to demo-agent in session (a new one when ""), prints the agent's
// tool calls and reply, and returns the session to continue.
func chat(ctx context.Context, client *airops.Client, message, session string) (string, error) {
	var options []airops.ChatOption
	if session != "" {
		options = append(options, airops.InSession(session))
	}
	turn, err := client.Chat(ctx, "demo-agent", message, options...)
	if err != nil {
		return "", err
	}
	defer turn.Close()
	fmt.Printf("you:   %s\nagent: ", message)
	for event := range turn.Events() {
		switch event.Kind {
		case airops.EventAgentAction:
			fmt.Printf("[%s %s] ", event.Tool, event.ToolInput)
		case airops.EventAgentActionError:
			fmt.Printf("[%s failed: %s] ", event.Tool, event.ToolError)
		case airops.EventAgentResponse:
			fmt.Print(event.Token)
		case airops.EventCompleted:
			fmt.Println()
		}
	}
	return turn.SessionID(), nil
}
