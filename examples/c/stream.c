/* Streams an app's output as it is produced, then prints the final record's status.
 *
 * Reads AIROPS_HOST, AIROPS_REALTIME_URL, AIROPS_PUSHER_KEY (the realtime endpoint) and the
 * identity (AIROPS_WORKSPACE_ID, AIROPS_USER_ID, AIROPS_HASHED_USER_ID) from the
 * environment, as the dev server prints them.
 * Usage: stream [NAME]
 */
#include <airops.h>
#include <stdio.h>
#include <stdlib.h>

static void on_event(const airops_event *event, void *user_data) {
    (void)user_data;
    /* Runs on the client's delivery thread, in order. */
    if (event->kind == AIROPS_EVENT_CHUNK) {
        printf("[chunk] %s\n", event->data.chunk.content);
    } else if (event->kind == AIROPS_EVENT_COMPLETED) {
        printf("[completed] %s\n", event->data.completed.content);
    }
    fflush(stdout);
}

static const char *env(const char *name) {
    const char *value = getenv(name);
    if (value == NULL) {
        fprintf(stderr, "set %s (the dev server prints it)\n", name);
        exit(2);
    }
    return value;
}

int main(int argc, char **argv) {
    airops_error *error = NULL;
    airops_options *options = airops_options_new();
    /* AIROPS_HOST and the realtime endpoint come from the environment. */
    if (airops_options_load_environment(options, &error) != AIROPS_OK ||
        airops_options_set_identity(options, env("AIROPS_USER_ID"), env("AIROPS_WORKSPACE_ID"),
                                    env("AIROPS_HASHED_USER_ID"), &error) != AIROPS_OK) {
        fprintf(stderr, "configure: %s\n", airops_error_message(error));
        airops_error_free(error);
        airops_options_free(options);
        return 1;
    }
    airops_client *client = NULL;
    airops_client_new(options, &client, NULL);
    airops_options_free(options);

    char inputs[256];
    snprintf(inputs, sizeof inputs, "{\"name\": \"%s\"}", argc > 1 ? argv[1] : "Ada");
    airops_execution *execution = NULL;
    airops_result *result = NULL;
    int status = 0;
    if (airops_app_execute_stream(client, "hello-world", inputs, 0, on_event, NULL, &execution, &error) != AIROPS_OK ||
        airops_execution_wait(execution, 60000, &result, &error) != AIROPS_OK) {
        fprintf(stderr, "stream: %s (%s)\n", airops_error_message(error), airops_code_name(airops_error_code(error)));
        airops_error_free(error);
        status = 1;
    } else {
        printf("execution %s: %s\n", airops_execution_id(execution), airops_result_status_text(result));
    }
    airops_result_free(result);
    airops_execution_free(execution); /* after this returns, on_event is not called again */
    airops_client_free(client);
    return status;
}
