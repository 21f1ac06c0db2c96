package airops

/*
#include "airops.h"
*/
import "C"

// HashUserID is the hashed user id that identifies an end user: the hex HMAC-SHA256 of
// userID keyed with the workspace apiKey. Compute it on your backend; the API key must
// never reach an end user's device.
func HashUserID(apiKey, userID string) (string, error) {
	var a cArgs
	defer a.free()
	key, user := a.str("api key", apiKey), a.str("user id", userID)
	var hex *C.char
	if err := a.call(func(cerr **C.airops_error) C.airops_code {
		return C.airops_hash_user_id(key, user, &hex, cerr)
	}); err != nil {
		return "", err
	}
	defer C.airops_string_free(hex)
	return C.GoString(hex), nil
}
