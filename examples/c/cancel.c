/* Starts a long streamed run, cancels it after its first chunk, and shows its final status.
 *
 * Environment: AIROPS_HOST, the realtime endpoint (AIROPS_REALTIME_URL, AIROPS_PUSHER_KEY)
 * and the identity (AIROPS_WORKSPACE_ID, AIROPS_USER_ID, AIROPS_HASHED_USER_ID).
 */
#define _POSIX_C_SOURCE 200809L
#include <airops.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static atomic_int chunks;

static void on_event(const airops_event *event, void *user_data) {
    (void)user_data;
    if (event->kind == AIROPS_EVENT_CHUNK) {
        printf("[chunk] %s\n", event->data.chunk.content);
        fflush(stdout);
        atomic_fetch_add(&chunks, 1);
    }
}

int main(void) {
    const char *user = getenv("AIROPS_USER_ID"), *workspace = getenv("AIROPS_WORKSPACE_ID");
    const char *hashed = getenv("AIROPS_HASHED_USER_ID");
    if (!user || !workspace || !hashed) {
        fprintf(stderr, "set the AIROPS_* variables the dev server prints\n");
        return 2;
    }
    airops_options *options = airops_options_new();
    airops_options_load_environment(options, NULL);
    airops_options_set_identity(options, user, workspace, hashed, NULL);
    airops_client *client = NULL;
    airops_client_new(options, &client, NULL);
    airops_options_free(options);

    airops_execution *execution = NULL;
    airops_result *result = NULL;
    airops_error *error = NULL;
    int status = 1;
    if (airops_app_execute_stream(client, "slow-echo", "{\"text\": \"a long answer that will not be finished\"}", 0,
                                  on_event, NULL, &execution, &error) == AIROPS_OK) {
        for (int i = 0; i < 500 && atomic_load(&chunks) == 0; i++) nanosleep(&(struct timespec){.tv_nsec = 10000000L}, NULL);
        /* After cancel returns, on_event is not called again. */
        if (airops_execution_cancel(execution, &error) == AIROPS_OK &&
            airops_execution_wait(execution, 10000, &result, &error) == AIROPS_OK) {
            printf("cancelled after %d chunk(s); final status: %s\n", atomic_load(&chunks), airops_result_status_text(result));
            status = airops_result_state(result) == AIROPS_STATE_CANCELLED ? 0 : 1;
        }
    }
    if (error) fprintf(stderr, "%s\n", airops_error_message(error));
    airops_error_free(error);
    airops_result_free(result);
    airops_execution_free(execution);
    airops_client_free(client);
    return status;
}
