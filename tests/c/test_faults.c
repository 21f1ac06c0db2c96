/* Reliability against injected faults: hundreds of executions through 5xx answers on reads
 * and 429 on execute complete exactly once each; streamed runs survive realtime connections
 * that drop every 500 ms; a stalled server gives a timeout, not a hang. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "dev_server.h"

#include <airops.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#define EXECUTIONS 500
#define THREADS 50
#define STREAMS 50

static airops_client *client;
static atomic_int next_index, correct, streamed_correct;

static airops_client *new_client(int max_retries, int64_t request_timeout_ms) {
    airops_options *options = airops_options_new();
    CHECK(airops_options_load_environment(options, NULL) == AIROPS_OK);
    CHECK(airops_options_set_identity(options, check_env("AIROPS_USER_ID"), check_env("AIROPS_WORKSPACE_ID"),
                                      check_env("AIROPS_HASHED_USER_ID"), NULL) == AIROPS_OK);
    CHECK(airops_options_set_max_retries(options, max_retries, NULL) == AIROPS_OK);
    CHECK(airops_options_set_max_retries(options, -1, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    if (request_timeout_ms > 0) CHECK(airops_options_set_request_timeout(options, request_timeout_ms, NULL) == AIROPS_OK);
    airops_client *made = NULL;
    CHECK(airops_client_new(options, &made, NULL) == AIROPS_OK);
    airops_options_free(options);
    return made;
}

static void *run_executions(void *unused) {
    (void)unused;
    for (int index; (index = atomic_fetch_add(&next_index, 1)) < EXECUTIONS;) {
        char inputs[64], expected[64];
        snprintf(inputs, sizeof inputs, "{\"text\": \"run-%d\"}", index);
        snprintf(expected, sizeof expected, "You said: run-%d", index);
        airops_execution *execution = NULL;
        airops_result *result = NULL;
        airops_error *error = NULL;
        if (airops_app_execute(client, "public-echo", inputs, 0, &execution, &error) == AIROPS_OK &&
            airops_execution_wait(execution, 60000, &result, &error) == AIROPS_OK &&
            airops_result_output(result) && strcmp(airops_result_output(result), expected) == 0) {
            atomic_fetch_add(&correct, 1);
        } else if (error) {
            fprintf(stderr, "run-%d: %s (%s)\n", index, airops_error_message(error), airops_code_name(airops_error_code(error)));
        }
        airops_error_free(error);
        airops_result_free(result);
        airops_execution_free(execution);
    }
    return NULL;
}

static void test_exactly_once_through_5xx_and_429(void) {
    char body[1024];
    CHECK(dev_request("GET", "/dev/stats", body, sizeof body) == 200);
    long created_before = dev_stat(body, "executions_created");
    long faults_before = dev_stat(body, "faults_injected");
    CHECK(dev_request_json("PUT", "/dev/faults",
                           "{\"seed\": 7, \"rules\": ["
                           "{\"endpoint\": \"get_execution\", \"rate\": 0.2, \"status\": 503},"
                           "{\"endpoint\": \"get_execution\", \"rate\": 0.05, \"status\": 500},"
                           "{\"endpoint\": \"async_execute\", \"rate\": 0.2, \"status\": 429, \"retry_after\": 0}]}",
                           body, sizeof body) == 200);
    client = new_client(10, 0);
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++) pthread_create(&threads[i], NULL, run_executions, NULL);
    for (int i = 0; i < THREADS; i++) pthread_join(threads[i], NULL);
    airops_client_free(client);
    CHECK(dev_request_json("DELETE", "/dev/faults", NULL, body, sizeof body) == 200);
    CHECK(dev_request("GET", "/dev/stats", body, sizeof body) == 200);
    long created = dev_stat(body, "executions_created") - created_before;
    long faults = dev_stat(body, "faults_injected") - faults_before;
    CHECK(atomic_load(&correct) == EXECUTIONS);
    CHECK(created == EXECUTIONS);
    printf("faults: %d of %d executions complete and correct, %ld created on the server, %ld faults injected\n",
           atomic_load(&correct), EXECUTIONS, created, faults);
}

typedef struct stream_state {
    char text[256];
    atomic_int completed;
} stream_state;

static void on_event(const airops_event *event, void *user_data) {
    stream_state *state = user_data;
    if (event->kind == AIROPS_EVENT_CHUNK) strncat(state->text, event->data.chunk.content, sizeof state->text - strlen(state->text) - 1);
    if (event->kind == AIROPS_EVENT_COMPLETED) atomic_fetch_add(&state->completed, 1);
}

static void test_streams_survive_realtime_drops(void) {
    char body[512];
    CHECK(dev_request_json("PUT", "/dev/faults", "{\"realtime_drop_every_ms\": 500}", body, sizeof body) == 200);
    client = new_client(2, 0);
    static stream_state states[STREAMS];
    airops_execution *executions[STREAMS] = {NULL};
    for (int i = 0; i < STREAMS; i++) {
        char inputs[64];
        snprintf(inputs, sizeof inputs, "{\"text\": \"stream %d of many words\"}", i);
        airops_error *error = NULL;
        /* A drop may hit the subscription itself: the call then fails and is made again. */
        for (int attempt = 0; attempt < 5 && executions[i] == NULL; attempt++) {
            airops_error_free(error);
            error = NULL;
            airops_app_execute_stream(client, "slow-echo", inputs, 0, on_event, &states[i], &executions[i], &error);
        }
        CHECK(executions[i] != NULL);
        airops_error_free(error);
    }
    for (int i = 0; i < STREAMS; i++) {
        if (executions[i] == NULL) continue;
        char expected[64];
        snprintf(expected, sizeof expected, "stream %d of many words", i);
        airops_result *result = NULL;
        if (airops_execution_wait(executions[i], 60000, &result, NULL) == AIROPS_OK && airops_result_output(result) &&
            strcmp(airops_result_output(result), expected) == 0)
            atomic_fetch_add(&streamed_correct, 1);
        for (int j = 0; j < 500 && atomic_load(&states[i].completed) == 0; j++) nanosleep(&(struct timespec){.tv_nsec = 10000000L}, NULL);
        CHECK(atomic_load(&states[i].completed) == 1);
        airops_result_free(result);
        airops_execution_free(executions[i]);
    }
    airops_client_free(client);
    CHECK(dev_request_json("DELETE", "/dev/faults", NULL, body, sizeof body) == 200);
    CHECK(atomic_load(&streamed_correct) == STREAMS);
    printf("faults: %d of %d streamed runs correct with realtime drops every 500 ms\n", atomic_load(&streamed_correct), STREAMS);
}

static void test_a_stalled_server_times_out(void) {
    char body[512];
    CHECK(dev_request_json("PUT", "/dev/faults", "{\"rules\": [{\"endpoint\": \"get_app\", \"body\": \"stall\"}]}", body,
                           sizeof body) == 200);
    client = new_client(0, 500);
    char *json = NULL;
    airops_error *error = NULL;
    CHECK(airops_app_get(client, "public-echo", &json, &error) == AIROPS_ERR_TIMEOUT);
    CHECK(json == NULL);
    airops_error_free(error);
    /* Other requests are served meanwhile, and after the fault is gone the same call works. */
    CHECK(dev_request_json("DELETE", "/dev/faults", NULL, body, sizeof body) == 200);
    CHECK(airops_app_get(client, "public-echo", &json, NULL) == AIROPS_OK);
    airops_string_free(json);
    airops_client_free(client);
}

/* A server that lies: broken bodies give a protocol error (or a timeout), never a crash. */
static void test_a_lying_server_gives_clear_errors(void) {
    client = new_client(0, 2000);
    airops_execution *execution = NULL;
    CHECK(airops_app_execute(client, "public-echo", "{\"text\": \"x\"}", 0, &execution, NULL) == AIROPS_OK);
    static const char *bodies[] = {"truncated", "malformed", "wrong_types", "endless"};
    char body[512], rules[256];
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        snprintf(rules, sizeof rules, "{\"rules\": [{\"endpoint\": \"any\", \"body\": \"%s\"}]}", bodies[i]);
        CHECK(dev_request_json("PUT", "/dev/faults", rules, body, sizeof body) == 200);
        airops_result *result = NULL;
        airops_error *error = NULL;
        airops_code code = airops_execution_fetch(execution, &result, &error);
        CHECK(code == AIROPS_ERR_PROTOCOL || (code == AIROPS_ERR_TIMEOUT && strcmp(bodies[i], "endless") == 0));
        CHECK(result == NULL && error != NULL && airops_error_message(error)[0] != '\0');
        airops_error_free(error);
        char *json = NULL;
        code = airops_app_get(client, "public-echo", &json, NULL);
        CHECK(code == AIROPS_ERR_PROTOCOL || code == AIROPS_ERR_TIMEOUT || code == AIROPS_OK); /* JSON text is passed through */
        airops_string_free(json);
        airops_execution *started = NULL;
        code = airops_app_execute(client, "public-echo", "{}", 0, &started, NULL);
        CHECK(code == AIROPS_ERR_PROTOCOL || code == AIROPS_ERR_TIMEOUT);
        CHECK(started == NULL);
    }
    CHECK(dev_request_json("DELETE", "/dev/faults", NULL, body, sizeof body) == 200);
    airops_execution_free(execution);
    airops_client_free(client);
}

/* Hostile inputs: deeply nested and very large JSON are refused or sent, never a crash. */
static void test_hostile_inputs(void) {
    client = new_client(0, 10000);
    size_t depth = 100000;
    char *nested = malloc(2 * depth + 16);
    strcpy(nested, "{\"a\":");
    size_t at = strlen(nested);
    for (size_t i = 0; i < depth; i++) nested[at++] = '[';
    for (size_t i = 0; i < depth; i++) nested[at++] = ']';
    nested[at++] = '}';
    nested[at] = '\0';
    airops_execution *execution = NULL;
    airops_error *error = NULL;
    CHECK(airops_app_execute(client, "public-echo", nested, 0, &execution, &error) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(execution == NULL && error != NULL);
    airops_error_free(error);
    free(nested);

    size_t size = 10 * 1024 * 1024;
    char *large = malloc(size + 32);
    strcpy(large, "{\"text\": \"");
    at = strlen(large);
    memset(large + at, 'x', size);
    strcpy(large + at + size, "\"}");
    airops_code code = airops_app_execute(client, "public-echo", large, 0, &execution, NULL);
    CHECK(code == AIROPS_OK || code == AIROPS_ERR_BAD_REQUEST); /* the server may refuse a 10 MB body */
    airops_execution_free(execution);
    free(large);
    airops_client_free(client);
}

int main(void) {
    test_hostile_inputs();
    test_a_lying_server_gives_clear_errors();
    test_a_stalled_server_times_out();
    test_exactly_once_through_5xx_and_429();
    test_streams_survive_realtime_drops();
    return check_summary("test_faults");
}
