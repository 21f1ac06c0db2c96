// Package airops is the Go binding of libairops, the native AirOps client SDK.
//
// It converts Go values to the C ABI of include/airops.h and forwards every call to
// libairops.so; the logic (HTTP, realtime streaming, retries, polling) lives in the library.
//
// A Client is made with NewClient and options (WithIdentity, WithHost, ...) and closed with
// Close. Executions started from it (Execute, Stream, Chat, OpenExecution) are closed with
// their own Close, or by the client's. Every call that talks to the server takes a
// context.Context. With a context that can be done, the call uses the library's
// non-blocking (_async) functions, so cancelling the context returns at once (the execution
// itself goes on on the server) and a deadline is a Wait's timeout. With a context that is
// never done (context.Background()), it calls the library's blocking function on the
// calling goroutine instead, without a hand-off between threads; Wait then waits in slices
// of 500 ms, so that Close still ends it. Events of streamed
// executions and chats arrive on the channel that Execution.Events returns. Errors of the
// library are *Error values carrying its Code, the HTTP status and the message; a Code is
// itself an error, so errors.Is(err, airops.CodeNotFound) works.
//
// Building and finding the library: cgo links with -lairops. The library directory is
// taken from CGO_LDFLAGS at build time (e.g. CGO_LDFLAGS=-L/path/to/lib), else the
// repository's build/lib. At run time the dynamic loader looks in LD_LIBRARY_PATH (set it to
// the directory of AIROPS_LIBRARY, as run-tests.sh does), then next to the executable
// ($ORIGIN), then the repository's build/lib. LibraryPath tells which file was loaded.
package airops
