/* HTTPS and WSS against the dev server with a self-signed certificate: refused unless its
 * CA is given, then execute and stream work. Run through tests/with_dev_server.py --tls. */
#define _POSIX_C_SOURCE 200809L
#include "../c/check.h"

#include <airops.h>
#include <stdatomic.h>
#include <time.h>

static atomic_int completed;

static void on_event(const airops_event *event, void *user_data) {
    (void)user_data;
    if (event->kind == AIROPS_EVENT_COMPLETED) atomic_fetch_add(&completed, 1);
}

static airops_client *new_client(const char *ca_file) {
    airops_options *options = airops_options_new();
    CHECK(airops_options_load_environment(options, NULL) == AIROPS_OK);
    CHECK(airops_options_set_max_retries(options, 0, NULL) == AIROPS_OK);
    CHECK(airops_options_set_subscription_timeout(options, 3000, NULL) == AIROPS_OK);
    if (ca_file) CHECK(airops_options_set_ca_file(options, ca_file, NULL) == AIROPS_OK);
    airops_client *client = NULL;
    CHECK(airops_client_new(options, &client, NULL) == AIROPS_OK);
    airops_options_free(options);
    return client;
}

int main(void) {
    const char *ca_file = check_env("AIROPS_CA_FILE");
    CHECK(strncmp(check_env("AIROPS_HOST"), "https://", 8) == 0);
    airops_options *options = airops_options_new();
    CHECK(airops_options_set_ca_file(options, "/no/such/file.pem", NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_ca_file(options, NULL, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    airops_options_free(options);

    /* The system's trust store does not know the certificate: refused. */
    airops_client *untrusting = new_client(NULL);
    airops_execution *execution = NULL;
    airops_error *error = NULL;
    CHECK(airops_app_execute(untrusting, "public-echo", "{\"text\": \"x\"}", 0, &execution, &error) == AIROPS_ERR_NETWORK);
    CHECK(execution == NULL && error != NULL);
    airops_error_free(error);
    error = NULL;
    airops_client_free(untrusting);

    /* Trusting the certificate's CA: HTTPS and WSS work. */
    airops_client *client = new_client(ca_file);
    airops_result *result = NULL;
    CHECK(airops_app_execute_stream(client, "public-echo", "{\"text\": \"secure\"}", 0, on_event, NULL, &execution, &error) == AIROPS_OK);
    if (error) fprintf(stderr, "%s\n", airops_error_message(error));
    airops_error_free(error);
    CHECK(airops_execution_wait(execution, 30000, &result, NULL) == AIROPS_OK);
    CHECK_STR(airops_result_output(result), "You said: secure");
    for (int i = 0; i < 500 && atomic_load(&completed) == 0; i++) nanosleep(&(struct timespec){.tv_nsec = 10000000L}, NULL);
    CHECK(atomic_load(&completed) == 1);
    airops_result_free(result);
    airops_execution_free(execution);
    airops_client_free(client);
    return check_summary("test_tls");
}
