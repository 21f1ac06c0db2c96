package airops

// The C side of the binding: where the header and the library are, and the trampolines
// that give the exported Go callbacks (callbacks.go) the exact types of airops.h's
// callback typedefs. They convert nothing but const-ness, and have external linkage so
// that Go can take their addresses.

/*
#cgo CFLAGS: -I${SRCDIR}/../../include
#cgo LDFLAGS: -L${SRCDIR}/../../build/lib -Wl,-rpath,$ORIGIN -Wl,-rpath,${SRCDIR}/../../build/lib -lairops
#include <stdint.h>
#include <stdlib.h>
#include "airops.h"

extern void goAiropsOnEvent(airops_event *event, void *user_data);
extern void goAiropsOnExecution(airops_code code, airops_execution *execution, airops_error *error, void *user_data);
extern void goAiropsOnJSON(airops_code code, char *json, airops_error *error, void *user_data);
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

void on_json(airops_code code, const char *json, const airops_error *error, void *user_data) {
    goAiropsOnJSON(code, (char *)json, (airops_error *)error, user_data);
}

void on_log(airops_log_level level, const char *message, void *user_data) {
    goAiropsOnLog(level, (char *)message, user_data);
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
	onJSON      = C.airops_json_callback(C.on_json)
	onLog       = C.airops_log_callback(C.on_log)
)

// ref is what a callback's user_data points at: a cgo.Handle of its Go receiver, kept in
// C memory. The handle itself is a small integer, and Go's runtime aborts ("invalid pointer
// found on stack") when it finds one in a pointer slot of a stack that it moves, so a
// handle never travels as a void * itself.
type ref struct {
	cell *C.uintptr_t // nil for the zero ref
}

// newRef makes a handle of v; delete it once its callback cannot run again.
func newRef(v any) ref {
	cell := (*C.uintptr_t)(C.malloc(C.size_t(unsafe.Sizeof(C.uintptr_t(0)))))
	if cell == nil {
		panic("airops: out of memory")
	}
	*cell = C.uintptr_t(cgo.NewHandle(v))
	return ref{cell}
}

// refOf is the ref whose user data a callback received.
func refOf(p unsafe.Pointer) ref {
	return ref{(*C.uintptr_t)(p)}
}

func (r ref) value() any {
	return cgo.Handle(*r.cell).Value()
}

func (r ref) live() bool {
	return r.cell != nil
}

func (r ref) delete() {
	cgo.Handle(*r.cell).Delete()
	C.free(unsafe.Pointer(r.cell))
}

// userData is r as the void * that the library passes back to a callback.
func userData(r ref) unsafe.Pointer {
	return unsafe.Pointer(r.cell)
}
