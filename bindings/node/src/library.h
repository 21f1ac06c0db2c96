/* The functions of libairops this addon calls, resolved with dlsym from the library the
 * JavaScript side found (AIROPS_LIBRARY, next to the package, build/lib), so that the addon
 * itself is not tied to one path at link time. Each entry has the type of its prototype in
 * airops.h, so the compiler checks every call against the header. */
#ifndef AIROPS_NODE_LIBRARY_H
#define AIROPS_NODE_LIBRARY_H

#include <airops.h>

/* Every airops.h function the addon uses; the ones it leaves out are listed, with the reason,
 * in the README's "Not covered" section (checked by test/declarations.test.js). */
#define AIROPS_FUNCTIONS(X)                   \
    X(airops_version)                         \
    X(airops_version_number)                  \
    X(airops_error_code)                      \
    X(airops_error_http_status)               \
    X(airops_error_message)                   \
    X(airops_error_free)                      \
    X(airops_code_name)                       \
    X(airops_string_free)                     \
    X(airops_hash_user_id)                    \
    X(airops_options_new)                     \
    X(airops_options_free)                    \
    X(airops_options_set_identity)            \
    X(airops_options_set_host)                \
    X(airops_options_set_request_timeout)     \
    X(airops_options_load_environment)        \
    X(airops_options_set_realtime_url)        \
    X(airops_options_set_pusher)              \
    X(airops_options_set_subscription_timeout) \
    X(airops_options_set_max_buffered_events) \
    X(airops_options_set_ca_file)             \
    X(airops_options_set_max_retries)         \
    X(airops_options_set_log_callback)        \
    X(airops_options_set_delivery)            \
    X(airops_options_set_proxy)               \
    X(airops_options_set_no_proxy)            \
    X(airops_options_set_redirects)           \
    X(airops_options_allow_insecure_http)     \
    X(airops_client_new)                      \
    X(airops_client_free)                     \
    X(airops_app_get_async)                   \
    X(airops_execution_open)                  \
    X(airops_execution_id)                    \
    X(airops_execution_free)                  \
    X(airops_execution_session_id)            \
    X(airops_app_execute_async)               \
    X(airops_app_chat_async)                  \
    X(airops_execution_fetch_async)           \
    X(airops_execution_wait_async)            \
    X(airops_execution_cancel_async)          \
    X(airops_client_event_fd)                 \
    X(airops_client_dispatch)                 \
    X(airops_result_state)                    \
    X(airops_result_status_text)              \
    X(airops_result_execution_id)             \
    X(airops_result_output)                   \
    X(airops_result_error_code)               \
    X(airops_result_error_message)            \
    X(airops_result_json)                     \
    X(airops_result_free)

#define AIROPS_POINTER(name) __typeof__(name) *name;
typedef struct airops_library {
    AIROPS_FUNCTIONS(AIROPS_POINTER)
} airops_library;
#undef AIROPS_POINTER

/* The loaded library; every pointer is set once library_load() has succeeded. */
extern airops_library lib;

/* Loads the library at `path` once per process (later calls must name the same file) and
 * checks that its version number is the header's. On failure returns 0 and writes why to
 * `reason`. */
int library_load(const char *path, char *reason, size_t reason_size);

#endif
