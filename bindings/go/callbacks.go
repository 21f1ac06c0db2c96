package airops

// The functions the library calls from its threads. Each finds its Go receiver through the
// ref in user_data; the library guarantees that none runs after the object it
// belongs to is freed, so a handle is deleted only once its callback cannot run again.

/*
#include "airops.h"
*/
import "C"

import "unsafe"

//export goAiropsOnEvent
func goAiropsOnEvent(event *C.airops_event, user unsafe.Pointer) {
	refOf(user).value().(*eventStream).push(eventFromC(event))
}

//export goAiropsOnExecution
func goAiropsOnExecution(code C.airops_code, execution *C.airops_execution, cerr *C.airops_error, user unsafe.Pointer) {
	h := refOf(user)
	h.value().(*startCall).complete(h, execution, borrowedError(code, cerr))
}

//export goAiropsOnResult
func goAiropsOnResult(code C.airops_code, result *C.airops_result, cerr *C.airops_error, user unsafe.Pointer) {
	h := refOf(user)
	h.value().(*resultCall).complete(h, takeResult(result), borrowedError(code, cerr))
}

//export goAiropsOnJSON
func goAiropsOnJSON(code C.airops_code, json *C.char, cerr *C.airops_error, user unsafe.Pointer) {
	h := refOf(user)
	var app []byte
	if json != nil {
		app = []byte(C.GoString(json)) // borrowed: copied during the callback
	}
	h.value().(*appCall).complete(h, app, borrowedError(code, cerr))
}

//export goAiropsOnLog
func goAiropsOnLog(level C.airops_log_level, message *C.char, user unsafe.Pointer) {
	refOf(user).value().(LogFunc)(LogLevel(level), C.GoString(message))
}
