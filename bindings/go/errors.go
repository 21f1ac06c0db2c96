package airops

/*
#include "airops.h"
*/
import "C"

import (
	"context"
	"fmt"
)

// Code is the kind of an error, as the library reports it (airops_code). A Code is an
// error itself so that errors.Is(err, CodeNotFound) matches an *Error of that code.
type Code int

// The library's error codes (include/airops.h, "Errors").
const (
	CodeInvalidArgument Code = C.AIROPS_ERR_INVALID_ARGUMENT
	CodeUnauthorized    Code = C.AIROPS_ERR_UNAUTHORIZED
	CodeNotFound        Code = C.AIROPS_ERR_NOT_FOUND
	CodeBadRequest      Code = C.AIROPS_ERR_BAD_REQUEST
	CodeRateLimited     Code = C.AIROPS_ERR_RATE_LIMITED
	CodeServer          Code = C.AIROPS_ERR_SERVER
	CodeNetwork         Code = C.AIROPS_ERR_NETWORK
	CodeTimeout         Code = C.AIROPS_ERR_TIMEOUT
	CodeProtocol        Code = C.AIROPS_ERR_PROTOCOL
	CodeInternal        Code = C.AIROPS_ERR_INTERNAL
	// CodeRedirect: the server answered with a redirect (HTTP 3xx) that the redirect
	// policy does not follow (see WithRedirects); the message names the status and target.
	CodeRedirect Code = C.AIROPS_ERR_REDIRECT
	// CodeForked: the client was created before this process was forked from its parent;
	// create a new client in the child.
	CodeForked Code = C.AIROPS_ERR_FORKED
	// CodeCancelled: a call had not ended when its client was closed.
	CodeCancelled Code = C.AIROPS_ERR_CANCELLED
)

// String is the code's name in the header, e.g. "AIROPS_ERR_NOT_FOUND".
func (c Code) String() string {
	return C.GoString(C.airops_code_name(C.airops_code(c)))
}

// Error makes a Code usable as the target of errors.Is.
func (c Code) Error() string {
	return c.String()
}

// Error is an error of the library: its code, the HTTP status that caused it (0 when no
// HTTP answer was involved) and a message (the server's text for HTTP errors).
type Error struct {
	Code       Code
	HTTPStatus int
	Message    string
}

func (e *Error) Error() string {
	if e.HTTPStatus != 0 {
		return fmt.Sprintf("airops: %s (HTTP %d): %s", e.Code, e.HTTPStatus, e.Message)
	}
	return fmt.Sprintf("airops: %s: %s", e.Code, e.Message)
}

// Is matches a Code equal to e.Code, and context.DeadlineExceeded for CodeTimeout.
func (e *Error) Is(target error) bool {
	if code, ok := target.(Code); ok {
		return e.Code == code
	}
	return e.Code == CodeTimeout && target == context.DeadlineExceeded
}

// borrowedError converts an error the caller does not own (or nil when code is AIROPS_OK).
func borrowedError(code C.airops_code, cerr *C.airops_error) error {
	if code == C.AIROPS_OK {
		return nil
	}
	if cerr == nil {
		return &Error{Code: Code(code), Message: Code(code).String()}
	}
	return &Error{
		Code:       Code(C.airops_error_code(cerr)),
		HTTPStatus: int(C.airops_error_http_status(cerr)),
		Message:    C.GoString(C.airops_error_message(cerr)),
	}
}

// takeError converts an error returned through an airops_error ** and frees it.
func takeError(code C.airops_code, cerr *C.airops_error) error {
	defer C.airops_error_free(cerr)
	return borrowedError(code, cerr)
}

// invalidArgument is the error for input the binding cannot convert, or a closed handle:
// the code the library gives for bad input.
func invalidArgument(format string, args ...any) *Error {
	return &Error{Code: CodeInvalidArgument, Message: fmt.Sprintf(format, args...)}
}
