/* Streamed executions and chat through the C ABI against the dev server: many concurrent
 * streams on one realtime connection, chat sessions, queued delivery, callback lifetime
 * (free and cancel from inside callbacks and from other threads), blocking calls from a
 * callback, reconnects after dropped connections, and unconfirmed subscriptions. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "dev_server.h"

#include <airops.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#define STREAMS 100

typedef struct stream_state {
    char text[2048];     /* the chunks, concatenated */
    atomic_int chunks;
    atomic_int completed;
    atomic_int after_free; /* callbacks that ran after free or cancel returned */
    atomic_int closed;
    pthread_t thread;    /* the thread of the last callback */
    char completed_content[2048];
} stream_state;

static void sleep_ms(long ms) {
    struct timespec pause = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    nanosleep(&pause, NULL);
}

/* Waits (bounded) until `flag` reaches `value`. */
static int await_int(atomic_int *flag, int value) {
    for (int i = 0; i < 1000 && atomic_load(flag) < value; i++) sleep_ms(10);
    return atomic_load(flag) >= value;
}

static void on_stream_event(const airops_event *event, void *user_data) {
    stream_state *state = user_data;
    if (atomic_load(&state->closed)) atomic_fetch_add(&state->after_free, 1);
    state->thread = pthread_self();
    CHECK(event->size >= sizeof(airops_event));
    CHECK(event->json != NULL && event->execution_id != NULL);
    if (event->kind == AIROPS_EVENT_CHUNK) {
        CHECK(atomic_load(&state->completed) == 0); /* nothing after completed */
        strncat(state->text, event->data.chunk.content, sizeof state->text - strlen(state->text) - 1);
        state->chunks++;
    } else if (event->kind == AIROPS_EVENT_COMPLETED) {
        CHECK(event->data.completed.content != NULL && event->data.completed.result == NULL);
        snprintf(state->completed_content, sizeof state->completed_content, "%s", event->data.completed.content);
        atomic_fetch_add(&state->completed, 1);
    }
}

static airops_client *new_client(airops_delivery delivery, int64_t subscription_timeout_ms) {
    airops_options *options = airops_options_new();
    CHECK(airops_options_load_environment(options, NULL) == AIROPS_OK); /* host + realtime */
    CHECK(airops_options_set_identity(options, check_env("AIROPS_USER_ID"), check_env("AIROPS_WORKSPACE_ID"),
                                      check_env("AIROPS_HASHED_USER_ID"), NULL) == AIROPS_OK);
    CHECK(airops_options_set_delivery(options, delivery, NULL) == AIROPS_OK);
    if (subscription_timeout_ms > 0) CHECK(airops_options_set_subscription_timeout(options, subscription_timeout_ms, NULL) == AIROPS_OK);
    airops_client *client = NULL;
    CHECK(airops_client_new(options, &client, NULL) == AIROPS_OK);
    airops_options_free(options);
    return client;
}

static airops_execution *start_hello(airops_client *client, const char *name, stream_state *state) {
    char inputs[128];
    snprintf(inputs, sizeof inputs, "{\"name\": \"%s\"}", name);
    airops_execution *execution = NULL;
    airops_error *error = NULL;
    CHECK(airops_app_execute_stream(client, "hello-world", inputs, 0, on_stream_event, state, &execution, &error) == AIROPS_OK);
    if (error) fprintf(stderr, "execute_stream: %s\n", airops_error_message(error));
    airops_error_free(error);
    return execution;
}

static void test_concurrent_streams_share_one_connection(void) {
    char body[1024];
    CHECK(dev_request("GET", "/dev/stats", body, sizeof body) == 200);
    long connections_before = dev_stat(body, "realtime_connections_total");

    airops_client *client = new_client(AIROPS_DELIVERY_DIRECT, 0);
    static stream_state states[STREAMS];
    airops_execution *executions[STREAMS];
    memset(states, 0, sizeof states);
    for (int i = 0; i < STREAMS; i++) {
        char name[32];
        snprintf(name, sizeof name, "user-%d", i);
        executions[i] = start_hello(client, name, &states[i]);
    }
    int correct = 0;
    for (int i = 0; i < STREAMS; i++) {
        if (executions[i] == NULL) continue;
        airops_result *result = NULL;
        CHECK(airops_execution_wait(executions[i], 30000, &result, NULL) == AIROPS_OK);
        char expected[128];
        snprintf(expected, sizeof expected, "Hello, user-%d! Welcome to AirOps.", i);
        CHECK_STR(airops_result_output(result), expected);
        CHECK(await_int(&states[i].completed, 1));
        sleep_ms(0);
        CHECK(atomic_load(&states[i].completed) == 1);
        CHECK(states[i].chunks > 1);
        if (strcmp(states[i].text, expected) == 0 && strcmp(states[i].completed_content, expected) == 0) correct++;
        airops_result_free(result);
        airops_execution_free(executions[i]);
    }
    CHECK(correct == STREAMS);
    CHECK(dev_request("GET", "/dev/stats", body, sizeof body) == 200);
    CHECK(dev_stat(body, "realtime_connections_total") - connections_before == 1);
    printf("concurrent streams: %d of %d complete and correct on %ld realtime connection(s)\n", correct, STREAMS,
           dev_stat(body, "realtime_connections_total") - connections_before);
    airops_client_free(client);
}

typedef struct chat_state {
    char reply[1024];
    int actions, action_errors, responses, finished_tokens;
    char tools[256];
    char result[1024];
    atomic_int completed;
} chat_state;

static void on_chat_event(const airops_event *event, void *user_data) {
    chat_state *state = user_data;
    switch (event->kind) {
    case AIROPS_EVENT_AGENT_ACTION:
        state->actions++;
        strncat(state->tools, event->data.agent_action.tool, sizeof state->tools - strlen(state->tools) - 2);
        strcat(state->tools, " ");
        CHECK(event->data.agent_action.tool_input_json[0] == '{');
        break;
    case AIROPS_EVENT_AGENT_ACTION_ERROR:
        state->action_errors++;
        CHECK_STR(event->data.agent_action_error.tool_error, "flaky_tool is unavailable");
        break;
    case AIROPS_EVENT_AGENT_RESPONSE:
        CHECK(state->finished_tokens == 0); /* stream_finished only on the last token */
        state->responses++;
        strncat(state->reply, event->data.agent_response.token, sizeof state->reply - strlen(state->reply) - 1);
        if (event->data.agent_response.stream_finished) {
            state->finished_tokens++;
            CHECK_STR(event->data.agent_response.result, state->reply);
        } else {
            CHECK(event->data.agent_response.result == NULL);
        }
        break;
    case AIROPS_EVENT_COMPLETED:
        CHECK(event->data.completed.content == NULL && event->data.completed.result != NULL);
        snprintf(state->result, sizeof state->result, "%s", event->data.completed.result);
        atomic_fetch_add(&state->completed, 1);
        break;
    default:
        CHECK(!"unexpected event kind");
    }
}

/* One chat turn; returns the session id (copied into `session`). */
static void chat_turn(airops_client *client, const char *message, char *session, chat_state *state) {
    airops_execution *execution = NULL;
    airops_error *error = NULL;
    memset(state, 0, sizeof *state);
    CHECK(airops_app_chat(client, "demo-agent", message, NULL, session[0] ? session : NULL, on_chat_event, state,
                          &execution, &error) == AIROPS_OK);
    if (error) fprintf(stderr, "chat: %s\n", airops_error_message(error));
    airops_error_free(error);
    if (execution == NULL) return;
    CHECK(airops_execution_session_id(execution) != NULL);
    if (session[0]) CHECK_STR(airops_execution_session_id(execution), session);
    snprintf(session, 64, "%s", airops_execution_session_id(execution));
    airops_result *result = NULL;
    CHECK(airops_execution_wait(execution, 30000, &result, NULL) == AIROPS_OK);
    CHECK(await_int(&state->completed, 1));
    CHECK_STR(airops_result_output(result), state->result);
    CHECK_STR(state->reply, state->result);
    CHECK(state->finished_tokens == 1);
    airops_result_free(result);
    airops_execution_free(execution);
}

static void test_chat_sessions(void) {
    airops_client *client = new_client(AIROPS_DELIVERY_DIRECT, 0);
    char session[64] = "";
    chat_state state;
    chat_turn(client, "Hello there", session, &state);
    CHECK_STR(state.result, "Turn 1. You said: Hello there. This is a new session.");
    CHECK(state.actions == 1 && strstr(state.tools, "recall_session") != NULL);
    chat_turn(client, "What is the weather", session, &state);
    CHECK_STR(state.result, "Turn 2. You said: What is the weather. Before that you said: Hello there.");
    CHECK(strstr(state.tools, "get_weather") != NULL);
    chat_turn(client, "Make it fail", session, &state);
    CHECK_STR(state.result, "Turn 3. You said: Make it fail. Before that you said: What is the weather.");
    CHECK(state.action_errors == 1);

    char fresh[64] = "";
    chat_turn(client, "Hello again", fresh, &state);
    CHECK_STR(state.result, "Turn 1. You said: Hello again. This is a new session.");
    CHECK(strcmp(fresh, session) != 0);

    airops_execution *execution = NULL;
    CHECK(airops_app_chat(client, "demo-agent", "", NULL, NULL, on_chat_event, &state, &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_chat(client, "demo-agent", "hi", NULL, "", on_chat_event, &state, &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_chat(client, "demo-agent", "hi", "[1]", NULL, on_chat_event, &state, &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_chat(client, "no-such-agent", "hi", NULL, NULL, on_chat_event, &state, &execution, NULL) == AIROPS_ERR_NOT_FOUND);
    CHECK(execution == NULL);
    airops_client_free(client);
}

static int fd_readable(int fd) {
    struct pollfd waiting = {.fd = fd, .events = POLLIN};
    return poll(&waiting, 1, 0) == 1 && (waiting.revents & POLLIN);
}

static void test_queued_delivery(void) {
    airops_client *client = new_client(AIROPS_DELIVERY_QUEUED, 0);
    int fd = airops_client_event_fd(client);
    CHECK(fd >= 0);
    CHECK(!fd_readable(fd));
    stream_state state = {0};
    airops_execution *execution = start_hello(client, "Queued", &state);
    airops_result *result = NULL;
    CHECK(airops_execution_wait(execution, 30000, &result, NULL) == AIROPS_OK);
    airops_result_free(result);
    /* Nothing ran yet: the events wait for this thread. */
    CHECK(state.chunks == 0 && atomic_load(&state.completed) == 0);
    struct pollfd waiting = {.fd = fd, .events = POLLIN};
    CHECK(poll(&waiting, 1, 5000) == 1);
    size_t count = 0;
    while (atomic_load(&state.completed) == 0 && poll(&waiting, 1, 5000) == 1) {
        CHECK(airops_client_dispatch(client, 1, &count, NULL) == AIROPS_OK);
        CHECK(count <= 1);
        CHECK(pthread_equal(state.thread, pthread_self()));
    }
    CHECK(airops_client_dispatch(client, 0, &count, NULL) == AIROPS_OK);
    CHECK(!fd_readable(fd));
    CHECK_STR(state.text, "Hello, Queued! Welcome to AirOps.");
    CHECK(atomic_load(&state.completed) == 1);
    airops_execution_free(execution);

    airops_client *direct = new_client(AIROPS_DELIVERY_DIRECT, 0);
    CHECK(airops_client_event_fd(direct) == -1);
    CHECK(airops_client_dispatch(direct, 0, &count, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_client_dispatch(NULL, 0, NULL, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    airops_client_free(direct);
    airops_client_free(client);
}

/* --- lifetime: free and cancel from inside callbacks and from other threads --- */

typedef struct lifetime_state {
    stream_state stream;
    /* Atomic: set by the thread that starts the run, read by its callbacks. */
    _Atomic(airops_execution *) execution;
    int free_inside; /* 1: free from the first chunk's callback; 2: cancel from it */
    _Atomic(airops_execution *) other; /* waited for from inside a callback */
    airops_code other_wait;
    char other_output[128];
} lifetime_state;

static void on_lifetime_event(const airops_event *event, void *user_data) {
    lifetime_state *state = user_data;
    on_stream_event(event, &state->stream);
    if (event->kind != AIROPS_EVENT_CHUNK || state->execution == NULL) return;
    if (state->other != NULL) {
        /* A blocking call from inside a callback: it works (the callback thread is not a
         * thread the library needs in order to finish the wait). */
        airops_result *result = NULL;
        state->other_wait = airops_execution_wait(state->other, 20000, &result, NULL);
        snprintf(state->other_output, sizeof state->other_output, "%s",
                 result && airops_result_output(result) ? airops_result_output(result) : "");
        airops_result_free(result);
        state->other = NULL;
    }
    if (state->free_inside == 1) {
        airops_execution_free(state->execution);
        atomic_store(&state->stream.closed, 1);
        CHECK(event->execution_id[0] != '\0'); /* the event stays valid until we return */
        state->execution = NULL;
    } else if (state->free_inside == 2) {
        CHECK(airops_execution_cancel(state->execution, NULL) == AIROPS_OK);
        atomic_store(&state->stream.closed, 1);
        state->free_inside = 0;
    }
}

static airops_execution *start_slow(airops_client *client, lifetime_state *state) {
    airops_execution *execution = NULL;
    CHECK(airops_app_execute_stream(client, "slow-echo",
                                    "{\"text\": \"one two three four five six seven eight nine ten eleven twelve\"}", 0,
                                    on_lifetime_event, state, &execution, NULL) == AIROPS_OK);
    state->execution = execution;
    return execution;
}

static void test_free_and_cancel_inside_callbacks(void) {
    airops_client *client = new_client(AIROPS_DELIVERY_DIRECT, 0);

    lifetime_state freed = {0};
    freed.free_inside = 1;
    start_slow(client, &freed);
    CHECK(await_int(&freed.stream.closed, 1));

    lifetime_state cancelled = {0};
    cancelled.free_inside = 2;
    airops_execution *execution = start_slow(client, &cancelled);
    CHECK(await_int(&cancelled.stream.closed, 1));
    airops_result *result = NULL;
    CHECK(airops_execution_wait(execution, 10000, &result, NULL) == AIROPS_OK);
    CHECK(airops_result_state(result) == AIROPS_STATE_CANCELLED);
    airops_result_free(result);
    airops_execution_free(execution);

    /* A wait for another execution from inside a callback. */
    lifetime_state waiting = {0};
    stream_state other_state = {0};
    waiting.other = start_hello(client, "Inner", &other_state);
    airops_execution *other = waiting.other;
    execution = start_slow(client, &waiting);
    for (int i = 0; i < 1000 && waiting.other != NULL; i++) sleep_ms(10);
    CHECK(waiting.other_wait == AIROPS_OK);
    CHECK_STR(waiting.other_output, "Hello, Inner! Welcome to AirOps.");
    airops_execution_free(execution);
    airops_execution_free(other);

    sleep_ms(1500); /* chunks keep flowing on the server for the freed/cancelled runs */
    CHECK(atomic_load(&freed.stream.after_free) == 0);
    CHECK(atomic_load(&cancelled.stream.after_free) == 0);
    CHECK(atomic_load(&freed.stream.completed) == 0);
    airops_client_free(client);
}

typedef struct free_thread_args {
    airops_execution *execution;
    stream_state *state;
    int cancel; /* cancel instead of free (the main thread frees later) */
} free_thread_args;

static void *free_after_first_chunk(void *argument) {
    free_thread_args *args = argument;
    for (int i = 0; i < 1000 && args->state->chunks == 0; i++) sleep_ms(5);
    if (args->cancel) {
        CHECK(airops_execution_cancel(args->execution, NULL) == AIROPS_OK);
    } else {
        airops_execution_free(args->execution);
    }
    atomic_store(&args->state->closed, 1);
    return NULL;
}

static void test_free_from_another_thread(void) {
    airops_client *client = new_client(AIROPS_DELIVERY_DIRECT, 0);
    enum { N = 8 };
    lifetime_state states[N];
    pthread_t threads[N];
    free_thread_args args[N];
    memset(states, 0, sizeof states);
    for (int i = 0; i < N; i++) {
        args[i].execution = start_slow(client, &states[i]);
        states[i].execution = NULL; /* this test frees from the thread, not the callback */
        args[i].state = &states[i].stream;
        args[i].cancel = i % 2;
        pthread_create(&threads[i], NULL, free_after_first_chunk, &args[i]);
    }
    for (int i = 0; i < N; i++) pthread_join(threads[i], NULL);
    sleep_ms(1500);
    for (int i = 0; i < N; i++) {
        if (args[i].cancel) airops_execution_free(args[i].execution);
    }
    int violations = 0;
    for (int i = 0; i < N; i++) violations += atomic_load(&states[i].stream.after_free);
    CHECK(violations == 0);
    airops_client_free(client);
}

static void test_reconnect_after_drops(void) {
    airops_client *client = new_client(AIROPS_DELIVERY_DIRECT, 0);
    enum { N = 10 };
    lifetime_state states[N];
    airops_execution *executions[N];
    memset(states, 0, sizeof states);
    for (int i = 0; i < N; i++) {
        executions[i] = start_slow(client, &states[i]);
        states[i].execution = NULL;
    }
    sleep_ms(700);
    char body[256];
    CHECK(dev_request("POST", "/dev/realtime/drop", body, sizeof body) == 200);
    sleep_ms(700);
    CHECK(dev_request("POST", "/dev/realtime/drop?code=4200", body, sizeof body) == 200);
    int complete = 0;
    for (int i = 0; i < N; i++) {
        airops_result *result = NULL;
        CHECK(airops_execution_wait(executions[i], 30000, &result, NULL) == AIROPS_OK);
        if (result && airops_result_output(result) &&
            strcmp(airops_result_output(result), "one two three four five six seven eight nine ten eleven twelve") == 0)
            complete++;
        airops_result_free(result);
        CHECK(await_int(&states[i].stream.completed, 1));
        CHECK(atomic_load(&states[i].stream.completed) == 1);
        airops_execution_free(executions[i]);
    }
    CHECK(complete == N);
    printf("reconnect: %d of %d waits complete and correct after 2 dropped connections\n", complete, N);
    airops_client_free(client);
}

static void test_unconfirmed_subscription_times_out(void) {
    airops_client *client = new_client(AIROPS_DELIVERY_DIRECT, 300);
    CHECK(dev_request("POST", "/dev/realtime/ignore_subscriptions?enabled=true", NULL, 0) == 200);
    stream_state state = {0};
    airops_execution *execution = NULL;
    airops_error *error = NULL;
    CHECK(airops_app_execute_stream(client, "hello-world", "{\"name\": \"x\"}", 0, on_stream_event, &state, &execution,
                                    &error) == AIROPS_ERR_TIMEOUT);
    CHECK(error != NULL && strstr(airops_error_message(error), "subscription") != NULL);
    airops_error_free(error);
    CHECK(execution == NULL);
    CHECK(dev_request("POST", "/dev/realtime/ignore_subscriptions?enabled=false", NULL, 0) == 200);
    /* The same client works once the server answers again. */
    execution = start_hello(client, "Later", &state);
    airops_result *result = NULL;
    CHECK(airops_execution_wait(execution, 30000, &result, NULL) == AIROPS_OK);
    CHECK_STR(airops_result_output(result), "Hello, Later! Welcome to AirOps.");
    airops_result_free(result);
    airops_execution_free(execution);
    airops_client_free(client);
}

static void test_stream_errors(void) {
    airops_options *options = airops_options_new();
    CHECK(airops_options_set_host(options, check_env("AIROPS_HOST"), NULL) == AIROPS_OK);
    airops_client *client = NULL;
    CHECK(airops_client_new(options, &client, NULL) == AIROPS_OK);
    airops_execution *execution = NULL;
    /* No realtime endpoint configured. */
    CHECK(airops_app_execute_stream(client, "public-echo", "{}", 0, NULL, NULL, &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_realtime_url(options, "http://x", "k", NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_realtime_url(options, "ws://127.0.0.1:1", "", NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_pusher(options, "key", "bad cluster", NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_pusher(options, "key", "mt1", NULL) == AIROPS_OK);
    CHECK(airops_options_set_subscription_timeout(options, -5, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_delivery(options, (airops_delivery)7, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_execute_stream(NULL, "x", NULL, 0, NULL, NULL, &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_chat(client, NULL, "hi", NULL, NULL, NULL, NULL, &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_chat(client, "demo-agent", NULL, NULL, NULL, NULL, NULL, &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_execution_session_id(NULL) == NULL);
    airops_options_free(options);
    airops_client_free(client);

    /* A public client streams public apps, and is refused private ones. */
    options = airops_options_new();
    CHECK(airops_options_load_environment(options, NULL) == AIROPS_OK);
    CHECK(airops_client_new(options, &client, NULL) == AIROPS_OK);
    airops_options_free(options);
    stream_state state = {0};
    CHECK(airops_app_execute_stream(client, "public-echo", "{\"text\": \"hi\"}", 0, on_stream_event, &state, &execution, NULL) == AIROPS_OK);
    airops_result *result = NULL;
    CHECK(airops_execution_wait(execution, 30000, &result, NULL) == AIROPS_OK);
    CHECK(await_int(&state.completed, 1));
    CHECK_STR(state.text, "You said: hi");
    airops_result_free(result);
    airops_execution_free(execution);
    execution = NULL;
    CHECK(airops_app_execute_stream(client, "hello-world", "{\"name\": \"x\"}", 0, on_stream_event, &state, &execution, NULL) == AIROPS_ERR_UNAUTHORIZED);
    CHECK(execution == NULL);
    airops_client_free(client);
}

/* --- logging: messages arrive, secrets never do --- */

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char log_text[65536];
static int log_lines;

static void on_log(airops_log_level level, const char *message, void *user_data) {
    CHECK(user_data == &log_lines);
    CHECK(level >= AIROPS_LOG_TRACE && level <= AIROPS_LOG_CRITICAL);
    pthread_mutex_lock(&log_lock);
    log_lines++;
    strncat(log_text, message, sizeof log_text - strlen(log_text) - 2);
    strcat(log_text, "\n");
    pthread_mutex_unlock(&log_lock);
}

static void test_logs_carry_no_secrets(void) {
    airops_options *options = airops_options_new();
    CHECK(airops_options_load_environment(options, NULL) == AIROPS_OK);
    CHECK(airops_options_set_identity(options, check_env("AIROPS_USER_ID"), check_env("AIROPS_WORKSPACE_ID"),
                                      check_env("AIROPS_HASHED_USER_ID"), NULL) == AIROPS_OK);
    CHECK(airops_options_set_log_callback(options, (airops_log_level)42, on_log, &log_lines, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_log_callback(options, AIROPS_LOG_TRACE, on_log, &log_lines, NULL) == AIROPS_OK);
    airops_client *client = NULL;
    CHECK(airops_client_new(options, &client, NULL) == AIROPS_OK);
    airops_options_free(options);
    stream_state state = {0};
    airops_execution *execution = start_hello(client, "Logged", &state);
    airops_result *result = NULL;
    CHECK(airops_execution_wait(execution, 30000, &result, NULL) == AIROPS_OK);
    airops_result_free(result);
    airops_execution_free(execution);
    airops_client_free(client);
    pthread_mutex_lock(&log_lock);
    CHECK(log_lines > 0);
    CHECK(strstr(log_text, "async_execute") != NULL);
    CHECK(strstr(log_text, check_env("AIROPS_HASHED_USER_ID")) == NULL);
    CHECK(strstr(log_text, check_env("AIROPS_API_KEY")) == NULL);
    CHECK(strstr(log_text, "airops-dev-key:") == NULL); /* a channel signature */
    printf("logging: %d messages at trace level, no secret among them\n", log_lines);
    pthread_mutex_unlock(&log_lock);
}

int main(void) {
    test_logs_carry_no_secrets();
    test_stream_errors();
    test_concurrent_streams_share_one_connection();
    test_chat_sessions();
    test_queued_delivery();
    test_free_and_cancel_inside_callbacks();
    test_free_from_another_thread();
    test_reconnect_after_drops();
    test_unconfirmed_subscription_times_out();
    return check_summary("test_stream");
}
