/* libFuzzer target over the C ABI entry points that take caller strings: hashing, every
 * option setter, inputs JSON (parsed by the library; a valid object is then sent to a closed
 * loopback port and refused at once), ids, and the result/error getters of what comes back.
 * Whatever the bytes, every call must return a code, never crash or leak (ASan + LSan). */
#include <airops.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static airops_client *client;

static void setup(void) {
    airops_options *options = airops_options_new();
    airops_options_set_host(options, "http://127.0.0.1:1", NULL); /* nothing listens there */
    airops_options_set_max_retries(options, 0, NULL);
    airops_options_set_request_timeout(options, 1000, NULL);
    airops_client_new(options, &client, NULL);
    airops_options_free(options);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (client == NULL) setup();
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
    airops_options_set_request_timeout(options, (int64_t)size - 8, NULL);
    airops_options_free(options);

    airops_execution *execution = NULL;
    error = NULL;
    airops_code code = airops_app_execute(client, second, text, (int64_t)(size % 3) - 1, &execution, &error);
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
