package airops_test

import (
	"encoding/json"
	"testing"

	"github.com/airops/libairops/bindings/go/airops"
)

func TestS01HashUserID(t *testing.T) {
	s := server(t)
	hashed, err := airops.HashUserID("demo-api-key", s.userID)
	if err != nil || hashed != s.hashedUserID {
		t.Fatalf("HashUserID = %q, %v; want %q", hashed, err, s.hashedUserID)
	}
	_, err = airops.HashUserID("", s.userID)
	wantCode(t, err, airops.CodeInvalidArgument)
	_, err = airops.HashUserID("demo-api-key", "user\x00id")
	wantCode(t, err, airops.CodeInvalidArgument)
}

func TestS04Unauthorized(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	s.hashedUserID = "0000000000000000000000000000000000000000000000000000000000000000"
	client := s.client(t)
	_, err := client.Execute(ctx, "hello-world", map[string]string{"name": "Ada"})
	failure := wantCode(t, err, airops.CodeUnauthorized)
	if failure.HTTPStatus != 401 {
		t.Fatalf("HTTPStatus = %d, want 401", failure.HTTPStatus)
	}
	const message = "Invalid user_id_hashed: it is not the HMAC-SHA256 of user_id with the workspace API key"
	if failure.Message != message {
		t.Fatalf("Message = %q, want the server's %q", failure.Message, message)
	}
}

func TestS07AppInfo(t *testing.T) {
	s := server(t)
	ctx := testContext(t)
	app, err := s.client(t).App(ctx, "hello-world")
	checkHelloWorldApp(t, app, err)
	var info struct {
		UUID string `json:"uuid"`
	}
	public, err := airops.NewClient(airops.WithHost(s.host))
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	defer public.Close()
	app, err = public.App(ctx, "public-echo")
	if err != nil {
		t.Fatalf("public App: %v", err)
	}
	if err := json.Unmarshal(app, &info); err != nil || info.UUID != "public-echo" {
		t.Fatalf("public App = %s (%v), want uuid public-echo", app, err)
	}
}
