/* Queued delivery: the events of three streamed runs wait until this thread dispatches
 * them, driven by poll() on the client's descriptor, as an event loop would be.
 *
 * Environment: as for stream.c.
 */
#include <airops.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>

static int completed;

static void on_event(const airops_event *event, void *user_data) {
    const char *name = user_data;
    if (event->kind == AIROPS_EVENT_CHUNK) printf("%-6s chunk     %s\n", name, event->data.chunk.content);
    if (event->kind == AIROPS_EVENT_COMPLETED) {
        printf("%-6s completed %s\n", name, event->data.completed.content);
        completed++;
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
    airops_options_set_delivery(options, AIROPS_DELIVERY_QUEUED, NULL);
    airops_client *client = NULL;
    airops_client_new(options, &client, NULL);
    airops_options_free(options);

    static const char *names[] = {"Ada", "Grace", "Linus"};
    airops_execution *executions[3] = {NULL};
    for (int i = 0; i < 3; i++) {
        char inputs[64];
        snprintf(inputs, sizeof inputs, "{\"name\": \"%s\"}", names[i]);
        airops_error *error = NULL;
        if (airops_app_execute_stream(client, "hello-world", inputs, 0, on_event, (void *)names[i], &executions[i],
                                      &error) != AIROPS_OK) {
            fprintf(stderr, "%s\n", airops_error_message(error));
            airops_error_free(error);
        }
    }
    /* The loop: sleep in poll() until events wait, then run their callbacks here. */
    struct pollfd waiting = {.fd = airops_client_event_fd(client), .events = POLLIN};
    for (int rounds = 0; completed < 3 && rounds < 300; rounds++) {
        if (poll(&waiting, 1, 100) == 1) airops_client_dispatch(client, 0, NULL, NULL);
    }
    for (int i = 0; i < 3; i++) airops_execution_free(executions[i]);
    airops_client_free(client);
    return completed == 3 ? 0 : 1;
}
