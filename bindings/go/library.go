package airops

/*
#cgo LDFLAGS: -ldl
#define _GNU_SOURCE
#include <dlfcn.h>
#include "airops.h"

// The file the dynamic loader took libairops from, or NULL if it cannot tell.
static const char *library_file(void) {
    Dl_info info;
    if (dladdr((void *)airops_version, &info) == 0) return NULL;
    return info.dli_fname;
}
*/
import "C"

import "fmt"

// HeaderVersionNumber is the version of include/airops.h this package was built against,
// as AIROPS_VERSION_NUMBER computes it (major * 10000 + minor * 100 + patch).
const HeaderVersionNumber = C.AIROPS_VERSION_NUMBER

// Version is the loaded library's version string, e.g. "0.1.0".
func Version() string {
	return C.GoString(C.airops_version())
}

// VersionNumber is the loaded library's version as HeaderVersionNumber computes it.
func VersionNumber() int {
	return int(C.airops_version_number())
}

// LibraryPath is the file the loaded libairops comes from ("" if the loader cannot tell).
func LibraryPath() string {
	return C.GoString(C.library_file())
}

// checkVersion fails when the loaded library is not the version of the header.
func checkVersion() error {
	if found := VersionNumber(); found != HeaderVersionNumber {
		return fmt.Errorf("airops: %s is libairops version number %d, but this package was built for %d",
			LibraryPath(), found, HeaderVersionNumber)
	}
	return nil
}
