/* Runs an AirOps app and prints its output.
 *
 * Reads the identity from the environment, as the dev server prints it:
 *   AIROPS_HOST, AIROPS_WORKSPACE_ID, AIROPS_USER_ID, AIROPS_HASHED_USER_ID
 * Usage: execute [APP_ID [NAME]]   (defaults: hello-world, Ada)
 */
#include <airops.h>
#include <stdio.h>
#include <stdlib.h>

static int fail(const char *what, airops_error *error) {
    fprintf(stderr, "%s failed: %s (%s, HTTP %d)\n", what, airops_error_message(error),
            airops_code_name(airops_error_code(error)), airops_error_http_status(error));
    airops_error_free(error);
    return 1;
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
    const char *app_id = argc > 1 ? argv[1] : "hello-world";
    const char *name = argc > 2 ? argv[2] : "Ada";
    airops_error *error = NULL;

    /* Identify the end user. The hashed id comes from your backend: airops_hash_user_id(). */
    airops_options *options = airops_options_new();
    if (airops_options_set_host(options, env("AIROPS_HOST"), &error) != AIROPS_OK ||
        airops_options_set_identity(options, env("AIROPS_USER_ID"), env("AIROPS_WORKSPACE_ID"),
                                    env("AIROPS_HASHED_USER_ID"), &error) != AIROPS_OK) {
        airops_options_free(options);
        return fail("configure", error);
    }
    airops_client *client = NULL;
    airops_code code = airops_client_new(options, &client, &error);
    airops_options_free(options);
    if (code != AIROPS_OK) return fail("airops_client_new", error);

    char inputs[256];
    snprintf(inputs, sizeof inputs, "{\"name\": \"%s\"}", name);

    airops_execution *execution = NULL;
    airops_result *result = NULL;
    int status = 0;
    if (airops_app_execute(client, app_id, inputs, 0, &execution, &error) != AIROPS_OK) {
        status = fail("airops_app_execute", error);
    } else if (airops_execution_wait(execution, 60000, &result, &error) != AIROPS_OK) {
        status = fail("airops_execution_wait", error);
    } else if (airops_result_state(result) == AIROPS_STATE_SUCCESS) {
        printf("execution %s: %s\n", airops_execution_id(execution), airops_result_output(result));
    } else {
        printf("execution %s ended with status %s: %s\n", airops_execution_id(execution),
               airops_result_status_text(result), airops_result_error_message(result));
        status = 1;
    }
    airops_result_free(result);
    airops_execution_free(execution);
    airops_client_free(client);
    return status;
}
