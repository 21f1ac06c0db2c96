/* libFuzzer target over the C ABI entry points that take caller strings and integers:
 * hashing, every option setter, inputs JSON (parsed by the library; a valid object is then
 * sent to a closed loopback port and refused at once), ids, versions, timeouts, counts and
 * enum values (the input's first 8 bytes read as one 64-bit integer, passed to every integer
 * parameter), and the result/error getters of what comes back. Whatever the bytes, every
 * call must return a code, never crash or leak (ASan + LSan). */
#include <airops.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static airops_client *client, *queued;

static airops_client *new_client(airops_delivery delivery) {
    airops_options *options = airops_options_new();
    airops_options_set_host(options, "http://127.0.0.1:1", NULL); /* nothing listens there */
    airops_options_set_max_retries(options, 0, NULL);
    airops_options_set_request_timeout(options, 1000, NULL);
    airops_options_set_delivery(options, delivery, NULL);
    airops_client *made = NULL;
    airops_client_new(options, &made, NULL);
    airops_options_free(options);
    return made;
}

/* At exit, before LeakSanitizer looks: the header asks for every client to be freed. */
static void free_clients(void) {
    airops_client_free(queued);
    airops_client_free(client);
}

/* Every integer parameter at `number`, truncated to its C type as a caller's cast would. */
static void integers(int64_t number) {
    airops_options *options = airops_options_new();
    airops_options_set_request_timeout(options, number, NULL);
    airops_options_set_subscription_timeout(options, number, NULL);
    airops_options_set_max_retries(options, (int)number, NULL);
    airops_options_set_max_buffered_events(options, (size_t)number, NULL);
    airops_options_allow_insecure_http(options, (int)number, NULL);
    airops_options_set_log_callback(options, (airops_log_level)number, NULL, NULL, NULL);
    airops_options_set_delivery(options, (airops_delivery)number, NULL);
    airops_options_set_redirects(options, (airops_redirects)number, NULL);
    airops_options_free(options);
    (void)airops_code_name((airops_code)number);
    size_t count = 0;
    airops_client_dispatch(queued, (size_t)number, &count, NULL);
    airops_client_dispatch(client, (size_t)number, &count, NULL);
    airops_execution *execution = NULL;
    if (airops_app_execute(client, "app", NULL, number, &execution, NULL) == AIROPS_OK) airops_execution_free(execution);
    execution = NULL;
    if (airops_execution_open(client, "00000000-0000-4000-8000-000000000000", &execution, NULL) == AIROPS_OK) {
        airops_result *result = NULL;
        /* Refused at once by the closed port, whatever the timeout. */
        if (airops_execution_wait(execution, number, &result, NULL) == AIROPS_OK) airops_result_free(result);
        airops_execution_free(execution);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (client == NULL) {
        client = new_client(AIROPS_DELIVERY_DIRECT);
        queued = new_client(AIROPS_DELIVERY_QUEUED);
        atexit(free_clients);
    }
    int64_t number = 0;
    memcpy(&number, data, size < sizeof number ? size : sizeof number);
    integers(number);
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    /* Split at the first newline: two arguments from one input. */
    char *second = strchr(text, '\n');
    if (second) *second++ = '\0';
    else second = text;

    char *hex = NULL;
    airops_error *error = NULL;
    if (airops_hash_user_id(text, second, &hex, &error) == AIROPS_OK) airops_string_free(hex);
    airops_error_free(error);

    airops_options *options = airops_options_new();
    airops_options_set_host(options, text, NULL);
    airops_options_set_identity(options, text, second, text, NULL);
    airops_options_set_realtime_url(options, text, second, NULL);
    airops_options_set_pusher(options, second, text, NULL);
    airops_options_set_ca_file(options, text, NULL);
    airops_options_free(options);

    airops_execution *execution = NULL;
    error = NULL;
    airops_code code = airops_app_execute(client, second, text, number, &execution, &error);
    if (code != AIROPS_OK) {
        (void)airops_error_message(error);
        (void)airops_code_name(airops_error_code(error));
    }
    airops_error_free(error);
    airops_execution_free(execution);
    if (airops_execution_open(client, text, &execution, NULL) == AIROPS_OK) {
        (void)airops_execution_id(execution);
        airops_execution_free(execution);
    }
    free(text);
    return 0;
}
