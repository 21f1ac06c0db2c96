/* The reconnect floor: a realtime server that closes every connection with 4200 ("reconnect
 * now") right after accepting it sees at most a few reconnects a second, not a tight loop,
 * and the client recovers once the server stops: the streamed execution that was waiting for
 * its subscription starts and completes. Runs against the dev server (its close_on_connect
 * switch and /dev/stats). */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "dev_server.h"

#include <airops.h>
#include <time.h>

/* Connections opened during the 2 s storm: with no floor there would be hundreds; the floor
 * (100-300 ms, doubling) allows about five. */
#define STORM_MS 2000
#define MOST_CONNECTIONS 15

static void on_event(const airops_event *event, void *user_data) {
    if (event->kind == AIROPS_EVENT_COMPLETED) atomic_fetch_add((atomic_int *)user_data, 1);
}

static void pause_ms(long ms) {
    struct timespec delay = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    nanosleep(&delay, NULL);
}

static long connections_total(void) {
    char body[1024];
    CHECK(dev_request("GET", "/dev/stats", body, sizeof body) == 200);
    return dev_stat(body, "realtime_connections_total");
}

int main(void) {
    airops_options *options = airops_options_new();
    CHECK(airops_options_load_environment(options, NULL) == AIROPS_OK);
    CHECK(airops_options_set_identity(options, check_env("AIROPS_USER_ID"), check_env("AIROPS_WORKSPACE_ID"),
                                      check_env("AIROPS_HASHED_USER_ID"), NULL) == AIROPS_OK);
    /* Longer than the storm plus the longest floor, so that the subscription outlives it. */
    CHECK(airops_options_set_subscription_timeout(options, 30000, NULL) == AIROPS_OK);
    airops_client *client = NULL;
    CHECK(airops_client_new(options, &client, NULL) == AIROPS_OK);
    airops_options_free(options);

    /* A confirmed channel (a 3 s run streaming), then the storm: the open connection and every
     * new one are closed with 4200. */
    atomic_int completed = 0;
    airops_execution *execution = NULL;
    CHECK(airops_app_execute_stream(client, "slow-echo", "{\"text\":\"storm\"}", 0, on_event, &completed, &execution,
                                    NULL) == AIROPS_OK);
    char body[256];
    long before = connections_total();
    CHECK(dev_request("POST", "/dev/realtime/close_on_connect?code=4200", body, sizeof body) == 200);
    CHECK(dev_request("POST", "/dev/realtime/drop?code=4200", body, sizeof body) == 200);
    pause_ms(STORM_MS);
    long storm = connections_total() - before;
    CHECK(dev_request("POST", "/dev/realtime/close_on_connect", body, sizeof body) == 200);
    printf("realtime connections during a %d ms 4200 storm: %ld\n", STORM_MS, storm);
    CHECK(storm >= 2);
    CHECK(storm <= MOST_CONNECTIONS);

    /* Recovery: the next connection stays and the stream ends as usual. */
    airops_result *result = NULL;
    CHECK(airops_execution_wait(execution, 30000, &result, NULL) == AIROPS_OK);
    CHECK(airops_result_state(result) == AIROPS_STATE_SUCCESS);
    CHECK_STR(airops_result_output(result), "storm");
    airops_result_free(result);
    for (int i = 0; i < 200 && atomic_load(&completed) == 0; i++) pause_ms(50);
    CHECK(atomic_load(&completed) == 1);
    airops_execution_free(execution);
    airops_client_free(client);
    return check_summary("test_reconnect");
}
