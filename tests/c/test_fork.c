/* fork() with clients in use: the parent has streamed (its realtime connection is open) and
 * has a queued client; the child gets AIROPS_ERR_FORKED at once from every call on the
 * parent's clients, and makes clients of its own that run blocking, streamed, chat,
 * non-blocking and queued calls while the parent keeps running executions; a grandchild
 * does the same once more. Each child is bounded by alarm(); the parent waits for it. */
#define _POSIX_C_SOURCE 200809L
#include "test_client.h"

#include <airops.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/wait.h>
#include <unistd.h>

/* A child's checks are its exit status: the parent's counters do not see them. */
#define CHILD_SECONDS 25

typedef struct stream_state {
    atomic_int chunks;
    atomic_int completed;
} stream_state;

typedef struct async_state {
    atomic_int done;
    airops_code code;
    airops_execution *execution;
} async_state;

static void on_event(const airops_event *event, void *user_data) {
    stream_state *state = user_data;
    if (event->kind == AIROPS_EVENT_CHUNK || event->kind == AIROPS_EVENT_AGENT_RESPONSE) atomic_fetch_add(&state->chunks, 1);
    if (event->kind == AIROPS_EVENT_COMPLETED) atomic_fetch_add(&state->completed, 1);
}

static void on_started(airops_code code, airops_execution *execution, const airops_error *error, void *user_data) {
    (void)error;
    async_state *state = user_data;
    state->code = code;
    state->execution = execution;
    atomic_store(&state->done, 1);
}


/* Waits for `execution` and checks that it succeeded; frees it. */
static void check_success(airops_execution *execution) {
    airops_result *result = NULL;
    airops_error *error = NULL;
    airops_code code = airops_execution_wait(execution, 15000, &result, &error);
    CHECK(code == AIROPS_OK);
    if (code != AIROPS_OK) fprintf(stderr, "[%d] wait: %s\n", (int)getpid(), airops_error_message(error));
    CHECK(result != NULL && airops_result_state(result) == AIROPS_STATE_SUCCESS);
    airops_result_free(result);
    airops_error_free(error);
    airops_execution_free(execution);
}

static void run_blocking(airops_client *client) {
    airops_execution *execution = NULL;
    CHECK(airops_app_execute(client, "hello-world", "{\"name\": \"Fork\"}", 0, &execution, NULL) == AIROPS_OK);
    if (execution) check_success(execution);
}

static void run_streamed(airops_client *client) {
    stream_state state = {0};
    airops_execution *execution = NULL;
    CHECK(airops_app_execute_stream(client, "hello-world", "{\"name\": \"Fork\"}", 0, on_event, &state, &execution, NULL) ==
          AIROPS_OK);
    if (execution) check_success(execution);
    CHECK(atomic_load(&state.chunks) > 0);
    CHECK(atomic_load(&state.completed) == 1);
}

static void run_chat(airops_client *client) {
    stream_state state = {0};
    airops_execution *execution = NULL;
    CHECK(airops_app_chat(client, "demo-agent", "hello after fork", NULL, NULL, on_event, &state, &execution, NULL) == AIROPS_OK);
    if (execution) check_success(execution);
    CHECK(atomic_load(&state.completed) == 1);
}

/* A non-blocking start on a queued client, driven by poll() and airops_client_dispatch(). */
static void run_queued_async(airops_client *client) {
    async_state started = {0};
    stream_state events = {0};
    CHECK(airops_app_execute_async(client, "hello-world", "{\"name\": \"Queued\"}", 0, 1, on_event, &events, on_started, &started,
                                   NULL) == AIROPS_OK);
    struct pollfd waiting = {.fd = airops_client_event_fd(client), .events = POLLIN};
    CHECK(waiting.fd >= 0);
    for (int i = 0; i < 150 && atomic_load(&events.completed) == 0; i++) {
        if (poll(&waiting, 1, 100) == 1) CHECK(airops_client_dispatch(client, 0, NULL, NULL) == AIROPS_OK);
    }
    CHECK(atomic_load(&started.done) == 1 && started.code == AIROPS_OK);
    CHECK(atomic_load(&events.completed) == 1);
    if (started.execution) check_success(started.execution);
}

/* Every call on a client (and execution) of the parent fails at once with FORKED. */
static void check_inherited(airops_client *client, airops_client *queued, airops_execution *execution) {
    airops_execution *out = NULL;
    airops_error *error = NULL;
    CHECK(airops_app_execute(client, "hello-world", NULL, 0, &out, &error) == AIROPS_ERR_FORKED && out == NULL);
    CHECK(error != NULL && airops_error_code(error) == AIROPS_ERR_FORKED && strstr(airops_error_message(error), "fork") != NULL);
    airops_error_free(error);
    stream_state state = {0};
    CHECK(airops_app_execute_stream(client, "hello-world", NULL, 0, on_event, &state, &out, NULL) == AIROPS_ERR_FORKED);
    CHECK(airops_app_chat(client, "demo-agent", "hi", NULL, NULL, on_event, &state, &out, NULL) == AIROPS_ERR_FORKED);
    char *json = NULL;
    CHECK(airops_app_get(client, "hello-world", &json, NULL) == AIROPS_ERR_FORKED && json == NULL);
    async_state started = {0};
    CHECK(airops_app_execute_async(client, "hello-world", NULL, 0, 0, NULL, NULL, on_started, &started, NULL) == AIROPS_ERR_FORKED);
    airops_result *result = NULL;
    CHECK(airops_execution_wait(execution, 5000, &result, NULL) == AIROPS_ERR_FORKED && result == NULL);
    CHECK(airops_execution_fetch(execution, &result, NULL) == AIROPS_ERR_FORKED);
    CHECK(airops_execution_cancel(execution, NULL) == AIROPS_ERR_FORKED);
    CHECK(airops_execution_id(execution) != NULL);
    CHECK(airops_client_event_fd(queued) == -1);
    CHECK(airops_client_dispatch(queued, 0, NULL, NULL) == AIROPS_ERR_FORKED);
    CHECK(atomic_load(&started.done) == 0);
    /* Frees nothing of the parent's: returns at once. */
    airops_execution_free(execution);
    airops_client_free(queued);
    airops_client_free(client);
}

/* What a child does: everything a fresh process can, on clients of its own. */
static void child_work(int depth) {
    airops_client *direct = test_client(AIROPS_DELIVERY_DIRECT);
    airops_client *queued = test_client(AIROPS_DELIVERY_QUEUED);
    run_blocking(direct);
    run_streamed(direct);
    run_chat(direct);
    run_queued_async(queued);
    if (depth == 1) {
        /* A grandchild, forked while this child's clients are open. */
        pid_t grandchild = fork();
        if (grandchild == 0) {
            alarm(CHILD_SECONDS);
            airops_client *own = test_client(AIROPS_DELIVERY_DIRECT);
            run_blocking(own);
            run_streamed(own);
            airops_client_free(own);
            _exit(atomic_load(&check_failed) == 0 ? 0 : 1);
        }
        run_streamed(direct);
        int status = 0;
        CHECK(grandchild > 0 && waitpid(grandchild, &status, 0) == grandchild);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    airops_client_free(queued);
    airops_client_free(direct);
}

int main(void) {
    airops_client *client = test_client(AIROPS_DELIVERY_DIRECT);
    airops_client *queued = test_client(AIROPS_DELIVERY_QUEUED);
    /* The parent streams first, so that its event loops, delivery thread and realtime
     * connection are running at fork time; an execution stays open across the fork. */
    run_streamed(client);
    run_queued_async(queued);
    airops_execution *open = NULL;
    CHECK(airops_app_execute(client, "hello-world", "{\"name\": \"Open\"}", 0, &open, NULL) == AIROPS_OK);

    fflush(NULL);
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        alarm(CHILD_SECONDS);
        check_inherited(client, queued, open);
        child_work(1);
        if (check_failed) fprintf(stderr, "[child] %d checks failed\n", atomic_load(&check_failed));
        _exit(atomic_load(&check_failed) == 0 ? 0 : 1);
    }
    /* Meanwhile the parent goes on with the same clients. */
    for (int i = 0; i < 3; i++) {
        run_blocking(client);
        run_streamed(client);
    }
    run_queued_async(queued);
    if (open) check_success(open);
    int status = 0;
    CHECK(waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    if (WIFSIGNALED(status)) fprintf(stderr, "the child died of signal %d\n", WTERMSIG(status));
    run_streamed(client);
    airops_client_free(queued);
    airops_client_free(client);
    return check_summary("test_fork");
}
