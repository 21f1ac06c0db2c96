/* Runs N executions (argv[1], default 1000) through the C ABI, 20 at a time, each started,
 * waited for and freed, for leak checkers (valgrind memcheck in `make soak`). Prints one
 * summary line; exits non-zero if any execution went wrong. */
#include <airops.h>
#include <stdio.h>
#include <stdlib.h>

#define BATCH 20

int main(int argc, char **argv) {
    int total = argc > 1 ? atoi(argv[1]) : 1000, correct = 0;
    airops_options *options = airops_options_new();
    airops_options_load_environment(options, NULL);
    airops_options_set_identity(options, getenv("AIROPS_USER_ID"), getenv("AIROPS_WORKSPACE_ID"),
                                getenv("AIROPS_HASHED_USER_ID"), NULL);
    airops_client *client = NULL;
    if (airops_client_new(options, &client, NULL) != AIROPS_OK) return 2;
    airops_options_free(options);
    for (int done = 0; done < total; done += BATCH) {
        airops_execution *executions[BATCH] = {NULL};
        for (int i = 0; i < BATCH && done + i < total; i++) {
            airops_app_execute(client, "public-echo", "{\"text\": \"soak\"}", 0, &executions[i], NULL);
        }
        for (int i = 0; i < BATCH; i++) {
            if (executions[i] == NULL) continue;
            airops_result *result = NULL;
            if (airops_execution_wait(executions[i], 60000, &result, NULL) == AIROPS_OK &&
                airops_result_state(result) == AIROPS_STATE_SUCCESS)
                correct++;
            airops_result_free(result);
            airops_execution_free(executions[i]);
        }
    }
    airops_client_free(client);
    printf("soak: %d of %d executions correct\n", correct, total);
    return correct == total ? 0 : 1;
}
