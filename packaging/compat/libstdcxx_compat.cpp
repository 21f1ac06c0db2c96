// Linked into the release library and CLI (make release) so that they load with the libstdc++
// of GCC 7 to 10. The toolchain's static Swift runtime was compiled against GCC 12's headers,
// whose inline `new T[n]` calls this function, which libstdc++ only exports from GCC 11 on
// (GLIBCXX_3.4.29). Linked in, it is resolved here and hidden like every other non-airops_
// symbol; it throws what libstdc++'s own does.
#include <new>

namespace std {
[[noreturn]] void __throw_bad_array_new_length() { throw bad_array_new_length(); }
}
