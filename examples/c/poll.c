/* Starts an execution, then follows it by id with a second handle, as another process
 * would: fetches its record until it has finished.
 *
 * Environment: AIROPS_HOST, AIROPS_WORKSPACE_ID, AIROPS_USER_ID, AIROPS_HASHED_USER_ID.
 */
#define _POSIX_C_SOURCE 200809L
#include <airops.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static airops_client *connect_from_environment(void) {
    const char *user = getenv("AIROPS_USER_ID"), *workspace = getenv("AIROPS_WORKSPACE_ID");
    const char *hashed = getenv("AIROPS_HASHED_USER_ID");
    airops_options *options = airops_options_new();
    airops_client *client = NULL;
    if (user && workspace && hashed && airops_options_load_environment(options, NULL) == AIROPS_OK &&
        airops_options_set_identity(options, user, workspace, hashed, NULL) == AIROPS_OK) {
        airops_client_new(options, &client, NULL);
    }
    airops_options_free(options);
    if (client == NULL) fprintf(stderr, "set AIROPS_HOST and the identity variables (the dev server prints them)\n");
    return client;
}

int main(void) {
    airops_client *client = connect_from_environment();
    if (client == NULL) return 2;
    airops_execution *started = NULL, *followed = NULL;
    airops_error *error = NULL;
    if (airops_app_execute(client, "slow-echo", "{\"text\": \"polled by id\"}", 0, &started, &error) != AIROPS_OK ||
        airops_execution_open(client, airops_execution_id(started), &followed, &error) != AIROPS_OK) {
        fprintf(stderr, "%s\n", airops_error_message(error));
        airops_error_free(error);
        return 1;
    }
    printf("following execution %s\n", airops_execution_id(followed));
    int status = 1;
    for (int attempt = 0; attempt < 60; attempt++) {
        airops_result *result = NULL;
        if (airops_execution_fetch(followed, &result, &error) != AIROPS_OK) {
            fprintf(stderr, "fetch: %s\n", airops_error_message(error));
            airops_error_free(error);
            break;
        }
        printf("  status %s\n", airops_result_status_text(result));
        int state = airops_result_state(result);
        if (state == AIROPS_STATE_SUCCESS) printf("output: %s\n", airops_result_output(result));
        airops_result_free(result);
        if (state != AIROPS_STATE_PENDING && state != AIROPS_STATE_RUNNING && state != AIROPS_STATE_QUEUED) {
            status = state == AIROPS_STATE_SUCCESS ? 0 : 1;
            break;
        }
        nanosleep(&(struct timespec){.tv_nsec = 500000000L}, NULL); /* a fixed pace, for the demo */
    }
    airops_execution_free(followed);
    airops_execution_free(started);
    airops_client_free(client);
    return status;
}
