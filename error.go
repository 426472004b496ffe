package crosscheck

import (
	"errors"
	"fmt"
)

// Error codes. Each names a kind of failure a user can act on; the CLI maps
// them to distinct exit codes and the server to HTTP statuses.
const (
	ECONFLICT  = "conflict"  // the request conflicts with stored state
	EEMPTY     = "empty"     // the input has no content
	EBINARY    = "binary"    // the input is not text or HTML
	ETOOLARGE  = "too_large" // the input is over the size limit
	ENOTFOUND  = "not_found" // a file, URL or stored object does not exist
	EFORBIDDEN = "forbidden" // refused by policy, e.g. a URL that resolves to a private address
	EFETCH     = "fetch"     // a network fetch failed
	EINVALID   = "invalid"   // malformed input or arguments
	EUNAUTH    = "unauthorized"
	// EUNAVAILABLE: the server is busy or the request ran out of its time
	// budget; the same request may succeed later (HTTP 503, Retry-After).
	EUNAVAILABLE = "unavailable"
	EINTERNAL    = "internal"
)

// Error is an error with a machine-readable code and a message fit for users.
type Error struct {
	Code    string
	Message string
	Err     error // the underlying cause, if any
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrNotFound is returned by stores when an object does not exist.
var ErrNotFound = &Error{Code: ENOTFOUND, Message: "not found"}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}
