/* NULL for every pointer argument of every function, one at a time: a clear error code
 * (and, where an error object is asked for, an error that says which argument), never a
 * crash. Needs no server: every call below fails before any request is sent. */
#include "check.h"

#include <airops.h>

static void on_event(const airops_event *event, void *user_data) { (void)event, (void)user_data; }
static void on_execution(airops_code code, airops_execution *execution, const airops_error *error, void *user_data) {
    (void)code, (void)execution, (void)error, (void)user_data;
    CHECK(!"a completion ran for a call that failed");
}
static void on_result(airops_code code, airops_result *result, const airops_error *error, void *user_data) {
    (void)code, (void)result, (void)error, (void)user_data;
    CHECK(!"a completion ran for a call that failed");
}
static void on_json(airops_code code, const char *json, const airops_error *error, void *user_data) {
    (void)code, (void)json, (void)error, (void)user_data;
    CHECK(!"a completion ran for a call that failed");
}
static void on_log(airops_log_level level, const char *message, void *user_data) { (void)level, (void)message, (void)user_data; }

/* The call failed with INVALID_ARGUMENT and its error names the argument. */
#define INVALID(call_with_error)                                                              \
    do {                                                                                      \
        airops_error *error = NULL;                                                           \
        airops_code code = (call_with_error);                                                 \
        CHECK(code == AIROPS_ERR_INVALID_ARGUMENT);                                           \
        CHECK(error != NULL && airops_error_code(error) == AIROPS_ERR_INVALID_ARGUMENT);      \
        CHECK(error != NULL && strstr(airops_error_message(error), "NULL") != NULL);          \
        airops_error_free(error);                                                             \
    } while (0)

int main(void) {
    airops_options *options = airops_options_new();
    CHECK(options != NULL);
    airops_client *client = NULL;
    CHECK(airops_client_new(options, &client, NULL) == AIROPS_OK);
    airops_execution *execution = NULL;
    CHECK(airops_execution_open(client, "00000000-0000-4000-8000-000000000000", &execution, NULL) == AIROPS_OK);
    airops_execution *out_execution = NULL;
    airops_result *out_result = NULL;
    char *text = NULL;
    int sink = 0;

    INVALID(airops_hash_user_id(NULL, "u", &text, &error));
    INVALID(airops_hash_user_id("k", NULL, &text, &error));
    INVALID(airops_hash_user_id("k", "u", NULL, &error));

    INVALID(airops_options_set_identity(NULL, "u", "1", "h", &error));
    INVALID(airops_options_set_identity(options, NULL, "1", "h", &error));
    INVALID(airops_options_set_identity(options, "u", NULL, "h", &error));
    INVALID(airops_options_set_identity(options, "u", "1", NULL, &error));
    INVALID(airops_options_set_host(NULL, "http://x", &error));
    INVALID(airops_options_set_host(options, NULL, &error));
    INVALID(airops_options_set_request_timeout(NULL, 1000, &error));
    INVALID(airops_options_load_environment(NULL, &error));
    INVALID(airops_options_set_realtime_url(NULL, "ws://x", "k", &error));
    INVALID(airops_options_set_realtime_url(options, NULL, "k", &error));
    INVALID(airops_options_set_realtime_url(options, "ws://x", NULL, &error));
    INVALID(airops_options_set_pusher(NULL, "k", "mt1", &error));
    INVALID(airops_options_set_pusher(options, NULL, "mt1", &error));
    INVALID(airops_options_set_pusher(options, "k", NULL, &error));
    INVALID(airops_options_set_subscription_timeout(NULL, 1000, &error));
    INVALID(airops_options_set_delivery(NULL, AIROPS_DELIVERY_QUEUED, &error));
    INVALID(airops_options_set_log_callback(NULL, AIROPS_LOG_INFO, on_log, NULL, &error));
    INVALID(airops_options_set_max_retries(NULL, 1, &error));
    INVALID(airops_options_set_ca_file(NULL, "/etc/hosts", &error));
    INVALID(airops_options_set_ca_file(options, NULL, &error));
    INVALID(airops_options_set_max_buffered_events(NULL, 10, &error));
    INVALID(airops_options_set_proxy(NULL, "", &error));
    INVALID(airops_options_set_proxy(options, NULL, &error));
    INVALID(airops_options_set_no_proxy(NULL, "", &error));
    INVALID(airops_options_set_no_proxy(options, NULL, &error));
    INVALID(airops_options_set_redirects(NULL, AIROPS_REDIRECTS_NEVER, &error));
    INVALID(airops_options_allow_insecure_http(NULL, 0, &error));

    INVALID(airops_client_new(options, NULL, &error));
    INVALID(airops_app_get(NULL, "a", &text, &error));
    INVALID(airops_app_get(client, NULL, &text, &error));
    INVALID(airops_app_get(client, "a", NULL, &error));
    INVALID(airops_app_get_async(NULL, "a", on_json, NULL, &error));
    INVALID(airops_app_get_async(client, NULL, on_json, NULL, &error));
    INVALID(airops_app_get_async(client, "a", NULL, NULL, &error));
    INVALID(airops_app_execute(NULL, "a", NULL, 0, &out_execution, &error));
    INVALID(airops_app_execute(client, NULL, NULL, 0, &out_execution, &error));
    INVALID(airops_app_execute(client, "a", NULL, 0, NULL, &error));
    INVALID(airops_app_execute_stream(NULL, "a", NULL, 0, on_event, NULL, &out_execution, &error));
    INVALID(airops_app_execute_stream(client, NULL, NULL, 0, on_event, NULL, &out_execution, &error));
    INVALID(airops_app_execute_stream(client, "a", NULL, 0, on_event, NULL, NULL, &error));
    INVALID(airops_app_chat(NULL, "a", "m", NULL, NULL, on_event, NULL, &out_execution, &error));
    INVALID(airops_app_chat(client, NULL, "m", NULL, NULL, on_event, NULL, &out_execution, &error));
    INVALID(airops_app_chat(client, "a", NULL, NULL, NULL, on_event, NULL, &out_execution, &error));
    INVALID(airops_app_chat(client, "a", "m", NULL, NULL, on_event, NULL, NULL, &error));
    INVALID(airops_app_execute_async(NULL, "a", NULL, 0, 0, NULL, NULL, on_execution, NULL, &error));
    INVALID(airops_app_execute_async(client, NULL, NULL, 0, 0, NULL, NULL, on_execution, NULL, &error));
    INVALID(airops_app_execute_async(client, "a", NULL, 0, 0, NULL, NULL, NULL, NULL, &error));
    INVALID(airops_app_chat_async(NULL, "a", "m", NULL, NULL, NULL, NULL, on_execution, NULL, &error));
    INVALID(airops_app_chat_async(client, NULL, "m", NULL, NULL, NULL, NULL, on_execution, NULL, &error));
    INVALID(airops_app_chat_async(client, "a", NULL, NULL, NULL, NULL, NULL, on_execution, NULL, &error));
    INVALID(airops_app_chat_async(client, "a", "m", NULL, NULL, NULL, NULL, NULL, NULL, &error));

    INVALID(airops_execution_open(NULL, "x", &out_execution, &error));
    INVALID(airops_execution_open(client, NULL, &out_execution, &error));
    INVALID(airops_execution_open(client, "x", NULL, &error));
    INVALID(airops_execution_fetch(NULL, &out_result, &error));
    INVALID(airops_execution_fetch(execution, NULL, &error));
    INVALID(airops_execution_wait(NULL, 0, &out_result, &error));
    INVALID(airops_execution_wait(execution, 0, NULL, &error));
    INVALID(airops_execution_cancel(NULL, &error));
    INVALID(airops_execution_fetch_async(NULL, on_result, NULL, &error));
    INVALID(airops_execution_fetch_async(execution, NULL, NULL, &error));
    INVALID(airops_execution_wait_async(NULL, 0, on_result, NULL, &error));
    INVALID(airops_execution_wait_async(execution, 0, NULL, NULL, &error));
    INVALID(airops_execution_cancel_async(NULL, on_result, NULL, &error));
    INVALID(airops_execution_cancel_async(execution, NULL, NULL, &error));
    INVALID(airops_client_dispatch(NULL, 0, NULL, &error));
    CHECK(out_execution == NULL && out_result == NULL && text == NULL);

    /* Getters: the value that means "none" (NULL for a string, 0 for a number, AIROPS_OK for
     * a code, -1 for a descriptor, UNKNOWN for a state), as the header's NULL rule says. */
    CHECK(airops_client_event_fd(NULL) == -1);
    CHECK(airops_execution_id(NULL) == NULL && airops_execution_session_id(NULL) == NULL);
    CHECK(airops_error_code(NULL) == AIROPS_OK && airops_error_http_status(NULL) == 0);
    CHECK(airops_error_message(NULL) == NULL);
    CHECK(airops_result_state(NULL) == AIROPS_STATE_UNKNOWN);
    CHECK(airops_result_status_text(NULL) == NULL && airops_result_execution_id(NULL) == NULL);
    CHECK(airops_result_json(NULL) == NULL && airops_result_output(NULL) == NULL);
    CHECK(airops_result_error_code(NULL) == NULL && airops_result_error_message(NULL) == NULL);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    CHECK(airops_result_status(NULL) == NULL);
#pragma GCC diagnostic pop
    CHECK(airops_code_name(AIROPS_OK) != NULL && airops_version() != NULL && airops_version_number() > 0);
    airops_string_free(NULL);
    airops_error_free(NULL);
    airops_result_free(NULL);
    airops_execution_free(NULL);
    airops_client_free(NULL);
    airops_options_free(NULL);
    (void)sink;

    airops_execution_free(execution);
    airops_client_free(client);
    airops_options_free(options);
    return check_summary("test_null");
}
