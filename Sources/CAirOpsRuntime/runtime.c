/* Only the header matters; SwiftPM needs a source file to build the target. */
#include "airops_runtime.h"
