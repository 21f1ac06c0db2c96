package airops

// The C side of the binding: where the header and the library are, and the trampolines
// that give the exported Go callbacks (callbacks.go) the exact types of airops.h's
// callback typedefs. They convert nothing but const-ness, and have external linkage so
// that Go can take their addresses.

/*
#cgo CFLAGS: -I${SRCDIR}/../../include
#cgo LDFLAGS: -L${SRCDIR}/../../build/lib -Wl,-rpath,$ORIGIN -Wl,-rpath,${SRCDIR}/../../build/lib -lairops
#include <stdint.h>
#include "airops.h"

extern void goAiropsOnEvent(airops_event *event, void *user_data);
extern void goAiropsOnExecution(airops_code code, airops_execution *execution, airops_error *error, void *user_data);
extern void goAiropsOnResult(airops_code code, airops_result *result, airops_error *error, void *user_data);
extern void goAiropsOnLog(airops_log_level level, char *message, void *user_data);

void on_event(const airops_event *event, void *user_data) {
    goAiropsOnEvent((airops_event *)event, user_data);
}

void on_execution(airops_code code, airops_execution *execution, const airops_error *error,
                         void *user_data) {
    goAiropsOnExecution(code, execution, (airops_error *)error, user_data);
}

void on_result(airops_code code, airops_result *result, const airops_error *error, void *user_data) {
    goAiropsOnResult(code, result, (airops_error *)error, user_data);
}

void on_log(airops_log_level level, const char *message, void *user_data) {
    goAiropsOnLog(level, (char *)message, user_data);
}

// A cgo.Handle travels as the callbacks' user_data; the integer-to-pointer cast is done
// here because Go must not turn a uintptr into an unsafe.Pointer.
static void *handle_pointer(uintptr_t handle) {
    return (void *)handle;
}
*/
import "C"

import (
	"runtime/cgo"
	"unsafe"
)

var (
	onEvent     = C.airops_event_callback(C.on_event)
	onExecution = C.airops_execution_callback(C.on_execution)
	onResult    = C.airops_result_callback(C.on_result)
	onLog       = C.airops_log_callback(C.on_log)
)

// userData is h as the void * that the library passes back to a callback.
func userData(h cgo.Handle) unsafe.Pointer {
	return C.handle_pointer(C.uintptr_t(h))
}

// handleOf is the cgo.Handle that userData made.
func handleOf(p unsafe.Pointer) cgo.Handle {
	return cgo.Handle(uintptr(p))
}
