package airops_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/airops/libairops/bindings/go/airops"
)

func TestLibraryVersionMatchesHeader(t *testing.T) {
	if airops.VersionNumber() != airops.HeaderVersionNumber {
		t.Fatalf("library version number %d, header %d", airops.VersionNumber(), airops.HeaderVersionNumber)
	}
	if version := airops.Version(); strings.Count(version, ".") != 2 {
		t.Fatalf("Version() = %q", version)
	}
}

// The library that was loaded is the one AIROPS_LIBRARY names (a file or a directory).
func TestLibraryIsTheConfiguredOne(t *testing.T) {
	configured := os.Getenv("AIROPS_LIBRARY")
	if configured == "" {
		t.Skip("AIROPS_LIBRARY is not set")
	}
	if info, err := os.Stat(configured); err == nil && info.IsDir() {
		configured = filepath.Join(configured, "libairops.so")
	}
	want, err := filepath.EvalSymlinks(configured)
	if err != nil {
		t.Fatalf("AIROPS_LIBRARY: %v", err)
	}
	got, err := filepath.EvalSymlinks(airops.LibraryPath())
	if err != nil || got != want {
		t.Fatalf("loaded %q (%v), AIROPS_LIBRARY is %q", airops.LibraryPath(), err, want)
	}
}

func TestCodeNames(t *testing.T) {
	if name := airops.CodeNotFound.String(); name != "AIROPS_ERR_NOT_FOUND" {
		t.Fatalf("CodeNotFound.String() = %q", name)
	}
	names := map[airops.Code]string{
		airops.CodeForked: "AIROPS_ERR_FORKED", airops.CodeCancelled: "AIROPS_ERR_CANCELLED",
		airops.CodeRedirect: "AIROPS_ERR_REDIRECT", airops.Code(99): "AIROPS_ERR_UNKNOWN",
	}
	for code, want := range names {
		if name := code.String(); name != want {
			t.Errorf("Code(%d).String() = %q, want %q", int(code), name, want)
		}
	}
	err := &airops.Error{Code: airops.CodeServer, HTTPStatus: 503, Message: "busy"}
	if err.Error() != "airops: AIROPS_ERR_SERVER (HTTP 503): busy" {
		t.Fatalf("Error() = %q", err.Error())
	}
}
