package airops

/*
#include <stdlib.h>
#include "airops.h"
*/
import "C"

import (
	"bytes"
	"unsafe"
)

// cArgs holds the C copies of one call's string arguments and frees them together. The
// first argument that cannot be converted (a NUL byte inside) is kept as err; call then
// returns it without calling the library.
type cArgs struct {
	copies []unsafe.Pointer
	err    error
}

// str is a C copy of value (freed by free), or nil when it holds a NUL byte.
func (a *cArgs) str(name, value string) *C.char {
	return a.bytes(name, []byte(value))
}

// bytes is a C copy of value as a NUL-terminated string.
func (a *cArgs) bytes(name string, value []byte) *C.char {
	if bytes.IndexByte(value, 0) >= 0 {
		a.fail(invalidArgument("%s contains a NUL byte", name))
		return nil
	}
	p := C.malloc(C.size_t(len(value) + 1))
	copied := unsafe.Slice((*byte)(p), len(value)+1)
	copy(copied, value)
	copied[len(value)] = 0
	a.copies = append(a.copies, p)
	return (*C.char)(p)
}

func (a *cArgs) fail(err error) {
	if a.err == nil {
		a.err = err
	}
}

// call runs f with an error out-parameter unless an argument failed to convert, and
// returns the library's error as an *Error.
func (a *cArgs) call(f func(cerr **C.airops_error) C.airops_code) error {
	if a.err != nil {
		return a.err
	}
	var cerr *C.airops_error
	return takeError(f(&cerr), cerr)
}

func (a *cArgs) free() {
	for _, p := range a.copies {
		C.free(p)
	}
	a.copies = nil
}
