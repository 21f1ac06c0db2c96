/* The non-blocking calls, driven the way an event loop drives them: queued delivery, poll()
 * on the client's descriptor, airops_client_dispatch() on this thread, no other threads. */
#define _POSIX_C_SOURCE 200809L
#include "test_client.h"

#include <airops.h>
#include <poll.h>
#include <pthread.h>

typedef struct outcome {
    int done;
    airops_code code;
    char message[256];
    airops_execution *execution;
    airops_result *result;
    pthread_t thread;
} outcome;

typedef struct events {
    char text[512];
    int completed;
} events;

static void on_execution(airops_code code, airops_execution *execution, const airops_error *error, void *user_data) {
    outcome *out = user_data;
    out->done++;
    out->code = code;
    out->execution = execution;
    out->thread = pthread_self();
    if (error) snprintf(out->message, sizeof out->message, "%s", airops_error_message(error));
    CHECK((code == AIROPS_OK) == (execution != NULL) && (code == AIROPS_OK) == (error == NULL));
}

static void on_result(airops_code code, airops_result *result, const airops_error *error, void *user_data) {
    outcome *out = user_data;
    out->done++;
    out->code = code;
    out->result = result;
    out->thread = pthread_self();
    if (error) snprintf(out->message, sizeof out->message, "%s", airops_error_message(error));
    CHECK(code == AIROPS_OK ? error == NULL : (result == NULL && error != NULL));
}

static void on_event(const airops_event *event, void *user_data) {
    events *seen = user_data;
    if (event->kind == AIROPS_EVENT_CHUNK) strncat(seen->text, event->data.chunk.content, sizeof seen->text - strlen(seen->text) - 1);
    if (event->kind == AIROPS_EVENT_COMPLETED || event->kind == AIROPS_EVENT_AGENT_RESPONSE) {
        if (event->kind == AIROPS_EVENT_COMPLETED) seen->completed++;
    }
}

/* Runs the loop: waits on the descriptor and dispatches until `*flag` is set (bounded). */
static void run_until(airops_client *client, const int *flag) {
    struct pollfd waiting = {.fd = airops_client_event_fd(client), .events = POLLIN};
    for (int i = 0; i < 600 && !*flag; i++) {
        if (poll(&waiting, 1, 100) == 1) CHECK(airops_client_dispatch(client, 0, NULL, NULL) == AIROPS_OK);
    }
    CHECK(*flag);
}


int main(void) {
    airops_client *client = test_client(AIROPS_DELIVERY_QUEUED);

    /* A streamed execution: started, its events, then its result, all on this thread. */
    outcome started = {0};
    events seen = {0};
    CHECK(airops_app_execute_async(client, "hello-world", "{\"name\": \"Async\"}", 0, 1, on_event, &seen, on_execution,
                                   &started, NULL) == AIROPS_OK);
    run_until(client, &started.done);
    CHECK(started.code == AIROPS_OK && pthread_equal(started.thread, pthread_self()));
    outcome finished = {0};
    CHECK(airops_execution_wait_async(started.execution, 30000, on_result, &finished, NULL) == AIROPS_OK);
    run_until(client, &finished.done);
    CHECK_STR(airops_result_output(finished.result), "Hello, Async! Welcome to AirOps.");
    run_until(client, &seen.completed);
    CHECK_STR(seen.text, "Hello, Async! Welcome to AirOps.");
    CHECK(seen.completed == 1);
    airops_result_free(finished.result);

    outcome fetched = {0};
    CHECK(airops_execution_fetch_async(started.execution, on_result, &fetched, NULL) == AIROPS_OK);
    run_until(client, &fetched.done);
    CHECK(airops_result_state(fetched.result) == AIROPS_STATE_SUCCESS);
    airops_result_free(fetched.result);
    airops_execution_free(started.execution);

    /* A plain execution, cancelled. */
    outcome slow = {0};
    CHECK(airops_app_execute_async(client, "slow-echo", "{\"text\": \"x\"}", 0, 0, NULL, NULL, on_execution, &slow, NULL) == AIROPS_OK);
    run_until(client, &slow.done);
    outcome cancelled = {0};
    CHECK(airops_execution_cancel_async(slow.execution, on_result, &cancelled, NULL) == AIROPS_OK);
    run_until(client, &cancelled.done);
    CHECK(cancelled.code == AIROPS_OK && cancelled.result == NULL);
    outcome final = {0};
    CHECK(airops_execution_wait_async(slow.execution, 10000, on_result, &final, NULL) == AIROPS_OK);
    run_until(client, &final.done);
    CHECK(airops_result_state(final.result) == AIROPS_STATE_CANCELLED);
    airops_result_free(final.result);
    outcome timed_out = {0};
    airops_execution *again = NULL;
    CHECK(airops_app_execute(client, "slow-echo", "{\"text\": \"y\"}", 0, &again, NULL) == AIROPS_OK);
    CHECK(airops_execution_wait_async(again, 100, on_result, &timed_out, NULL) == AIROPS_OK);
    run_until(client, &timed_out.done);
    CHECK(timed_out.code == AIROPS_ERR_TIMEOUT && timed_out.result == NULL);
    airops_execution_free(again);
    airops_execution_free(slow.execution);

    /* A chat turn. */
    outcome chatted = {0};
    events said = {0};
    CHECK(airops_app_chat_async(client, "demo-agent", "Hi", NULL, NULL, on_event, &said, on_execution, &chatted, NULL) == AIROPS_OK);
    run_until(client, &chatted.done);
    CHECK(chatted.code == AIROPS_OK && airops_execution_session_id(chatted.execution) != NULL);
    run_until(client, &said.completed);
    airops_execution_free(chatted.execution);

    /* Errors: in the callback for what the server says, at once for bad arguments. */
    outcome missing = {0};
    CHECK(airops_app_execute_async(client, "no-such-app", "{}", 0, 0, NULL, NULL, on_execution, &missing, NULL) == AIROPS_OK);
    run_until(client, &missing.done);
    CHECK(missing.code == AIROPS_ERR_NOT_FOUND && missing.execution == NULL && missing.message[0] != '\0');
    outcome empty = {0};
    CHECK(airops_app_chat_async(client, "demo-agent", "", NULL, NULL, NULL, NULL, on_execution, &empty, NULL) == AIROPS_OK);
    run_until(client, &empty.done);
    CHECK(empty.code == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_execute_async(client, "hello-world", "{", 0, 0, NULL, NULL, on_execution, &empty, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_execute_async(client, "hello-world", "{}", 0, 0, NULL, NULL, NULL, NULL, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_execute_async(NULL, "hello-world", "{}", 0, 0, NULL, NULL, on_execution, &empty, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_chat_async(client, NULL, "hi", NULL, NULL, NULL, NULL, on_execution, &empty, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_execution_wait_async(NULL, 0, on_result, &empty, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_execution_fetch_async(NULL, on_result, &empty, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_execution_cancel_async(NULL, on_result, &empty, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(empty.done == 1); /* failed calls never run their callback */

    airops_client_free(client);
    return check_summary("test_async");
}
