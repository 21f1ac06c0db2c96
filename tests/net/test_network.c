/* The network policy from C: redirects never take the identity or a body to another origin,
 * proxies carry HTTP calls and the realtime WebSocket, NO_PROXY bypasses them, and plain
 * http:// with an identity goes to loopback only. Run through
 * tests/with_dev_server.py --net-tools, once plain and once with --tls. */
#define _POSIX_C_SOURCE 200809L
#include "../c/check.h"
#include "../c/dev_server.h"

#include <airops.h>
#include <stdatomic.h>
#include <time.h>

static int tls;
static char witness_seen_before[65536];

static const char *env(const char *name) { return check_env(name); }

/* A client of the demo user on the dev server, with these network options (NULL: unset). */
static airops_client *new_client(const char *proxy, const char *no_proxy, airops_redirects redirects) {
    airops_options *options = airops_options_new();
    CHECK(airops_options_load_environment(options, NULL) == AIROPS_OK);
    CHECK(airops_options_set_identity(options, env("AIROPS_USER_ID"), env("AIROPS_WORKSPACE_ID"),
                                      env("AIROPS_HASHED_USER_ID"), NULL) == AIROPS_OK);
    CHECK(airops_options_set_max_retries(options, 0, NULL) == AIROPS_OK);
    CHECK(airops_options_set_subscription_timeout(options, 5000, NULL) == AIROPS_OK);
    if (tls) CHECK(airops_options_set_ca_file(options, env("AIROPS_CA_FILE"), NULL) == AIROPS_OK);
    if (proxy) CHECK(airops_options_set_proxy(options, proxy, NULL) == AIROPS_OK);
    if (no_proxy) CHECK(airops_options_set_no_proxy(options, no_proxy, NULL) == AIROPS_OK);
    CHECK(airops_options_set_redirects(options, redirects, NULL) == AIROPS_OK);
    airops_client *client = NULL;
    airops_error *error = NULL;
    CHECK(airops_client_new(options, &client, &error) == AIROPS_OK);
    if (error) fprintf(stderr, "client: %s\n", airops_error_message(error));
    airops_error_free(error);
    airops_options_free(options);
    return client;
}

static void set_faults(const char *json) {
    CHECK(dev_request_json("PUT", "/dev/faults", json, NULL, 0) == 200);
}

/* A fault rule that answers the next request to `endpoint` with `status` and `location`. */
static void redirect_next(const char *endpoint, int status, const char *location) {
    char json[1024];
    snprintf(json, sizeof json, "{\"rules\": [{\"endpoint\": \"%s\", \"status\": %d, \"location\": \"%s\", \"count\": 1}]}",
             endpoint, status, location);
    set_faults(json);
}

static void witness_requests(char *body, size_t size) {
    CHECK(loopback_request(env("AIROPS_TEST_WITNESS"), "GET", "/__witness", NULL, body, size) == 200);
}

/* Whether the witness has seen no request since the test began. */
static int witness_untouched(void) {
    char now[65536];
    witness_requests(now, sizeof now);
    return strcmp(now, witness_seen_before) == 0;
}

/* Checks the outcome of `call`, which fills `&error`: the code, the HTTP status and a part of
 * the message. A macro, so that the call runs before its error is read. */
#define EXPECT_ERROR(call, expected, status, needle)                \
    do {                                                            \
        airops_error *error = NULL;                                 \
        airops_code code_ = (call);                                 \
        check_error(code_, (expected), error, (status), (needle));  \
        airops_error_free(error);                                   \
    } while (0)

static void check_error(airops_code got, airops_code expected, const airops_error *error, int status, const char *needle) {
    CHECK(got == expected);
    if (got != expected) fprintf(stderr, "  got %s: %s\n", airops_code_name(got), airops_error_message(error));
    CHECK(airops_error_http_status(error) == status);
    if (needle) {
        CHECK(strstr(airops_error_message(error), needle) != NULL);
        if (!strstr(airops_error_message(error), needle)) fprintf(stderr, "  message: %s\n", airops_error_message(error));
    }
    /* Credentials never reach a message. */
    CHECK(strstr(airops_error_message(error), "s3cret") == NULL && strstr(airops_error_message(error), "hunter2") == NULL);
}

static void test_redirects_are_not_followed(void) {
    char location[512];
    snprintf(location, sizeof location, "%s/sdk_api/airops_app_bases/hello-world", env("AIROPS_TEST_WITNESS"));
    const char *witness_port = strrchr(env("AIROPS_TEST_WITNESS"), ':') + 1;
    airops_client *client = new_client(NULL, NULL, AIROPS_REDIRECTS_NEVER);
    char *json = NULL;

    redirect_next("get_app", 307, location);
    EXPECT_ERROR(airops_app_get(client, "hello-world", &json, &error), AIROPS_ERR_REDIRECT, 307, witness_port);
    CHECK(json == NULL);

    snprintf(location, sizeof location, "%s/sdk_api/airops_apps/hello-world/async_execute", env("AIROPS_TEST_WITNESS"));
    redirect_next("async_execute", 302, location);
    airops_execution *execution = NULL;
    EXPECT_ERROR(airops_app_execute(client, "hello-world", "{\"name\": \"Ada\"}", 0, &execution, &error),
                 AIROPS_ERR_REDIRECT, 302, "HTTP 302");
    CHECK(witness_untouched());
    airops_client_free(client);
}

static void test_same_origin_redirects_are_followed(void) {
    char location[512];
    airops_client *client = new_client(NULL, NULL, AIROPS_REDIRECTS_SAME_ORIGIN);
    airops_error *error = NULL;

    /* 307 keeps the method and the body: the execution starts with its inputs. */
    snprintf(location, sizeof location, "%s/sdk_api/airops_apps/hello-world/async_execute", env("AIROPS_HOST"));
    redirect_next("async_execute", 307, location);
    airops_execution *execution = NULL;
    airops_result *result = NULL;
    CHECK(airops_app_execute(client, "hello-world", "{\"name\": \"Ada\"}", 0, &execution, &error) == AIROPS_OK);
    if (error) fprintf(stderr, "  %s\n", airops_error_message(error));
    airops_error_free(error);
    error = NULL;
    CHECK(airops_execution_wait(execution, 30000, &result, NULL) == AIROPS_OK);
    CHECK_STR(airops_result_output(result), "Hello, Ada! Welcome to AirOps.");
    airops_result_free(result);
    airops_execution_free(execution);

    /* Another origin stays refused, and so does https -> http in the TLS run. */
    snprintf(location, sizeof location, "%s/sdk_api/airops_app_bases/hello-world", env("AIROPS_TEST_WITNESS"));
    redirect_next("get_app", 301, location);
    char *json = NULL;
    EXPECT_ERROR(airops_app_get(client, "hello-world", &json, &error), AIROPS_ERR_REDIRECT, 301, "another origin");
    CHECK(witness_untouched());
    airops_client_free(client);
}

static int count(const char *haystack, const char *needle) {
    int found = 0;
    for (const char *at = strstr(haystack, needle); at; at = strstr(at + 1, needle)) found++;
    return found;
}

static void proxy_stats(const char *proxy, char *body, size_t size) {
    CHECK(loopback_request(proxy, "GET", "/__stats", NULL, body, size) == 200);
}

static atomic_int chunks;

static void on_event(const airops_event *event, void *user_data) {
    (void)user_data;
    if (event->kind == AIROPS_EVENT_CHUNK) atomic_fetch_add(&chunks, 1);
}

/* Runs a blocking get, a plain execution and a streamed one; returns the code of the first failure. */
static airops_code run_calls(airops_client *client, airops_error **error) {
    char *json = NULL;
    airops_code code = airops_app_get(client, "hello-world", &json, error);
    airops_string_free(json);
    if (code != AIROPS_OK) return code;
    airops_execution *execution = NULL;
    airops_result *result = NULL;
    if ((code = airops_app_execute(client, "hello-world", "{\"name\": \"Ada\"}", 0, &execution, error)) != AIROPS_OK) return code;
    code = airops_execution_wait(execution, 30000, &result, error);
    airops_execution_free(execution);
    if (code == AIROPS_OK) CHECK_STR(airops_result_output(result), "Hello, Ada! Welcome to AirOps.");
    airops_result_free(result);
    if (code != AIROPS_OK) return code;
    atomic_store(&chunks, 0);
    if ((code = airops_app_execute_stream(client, "slow-echo", "{\"text\": \"one two three\"}", 0, on_event, NULL,
                                          &execution, error)) != AIROPS_OK) {
        return code;
    }
    code = airops_execution_wait(execution, 30000, &result, error);
    if (code == AIROPS_OK) CHECK_STR(airops_result_output(result), "one two three");
    airops_result_free(result);
    airops_execution_free(execution);
    return code;
}

static void test_proxy_carries_every_connection(void) {
    const char *proxy = env("AIROPS_TEST_PROXY");
    char before[65536], after[65536];
    proxy_stats(proxy, before, sizeof before);
    airops_client *client = new_client(proxy, NULL, AIROPS_REDIRECTS_NEVER);
    airops_error *error = NULL;
    CHECK(run_calls(client, &error) == AIROPS_OK);
    if (error) fprintf(stderr, "  through the proxy: %s\n", airops_error_message(error));
    airops_error_free(error);
    CHECK(atomic_load(&chunks) > 0);
    airops_client_free(client);
    proxy_stats(proxy, after, sizeof after);
    /* Every connection is a tunnel: the blocking calls', the realtime WebSocket's and the
     * channel authorization's (on the event loop), and the proxy relays no request itself. */
    const char *port = strrchr(env("AIROPS_HOST"), ':') + 1;
    CHECK(count(after, port) >= count(before, port) + 2);
    CHECK(count(after, "\"method\"") == count(before, "\"method\""));

    /* NO_PROXY names the dev server: nothing more goes through the proxy. */
    client = new_client(proxy, "127.0.0.1,localhost", AIROPS_REDIRECTS_NEVER);
    CHECK(run_calls(client, NULL) == AIROPS_OK);
    airops_client_free(client);
    proxy_stats(proxy, before, sizeof before);
    CHECK(strcmp(before, after) == 0);
}

static void test_proxy_from_the_environment(void) {
    const char *proxy = env("AIROPS_TEST_PROXY");
    char before[65536], after[65536];
    proxy_stats(proxy, before, sizeof before);
    setenv(tls ? "HTTPS_PROXY" : "http_proxy", proxy, 1);
    airops_client *client = new_client(NULL, NULL, AIROPS_REDIRECTS_NEVER);
    char *json = NULL;
    CHECK(airops_app_get(client, "hello-world", &json, NULL) == AIROPS_OK);
    airops_string_free(json);
    airops_client_free(client);
    proxy_stats(proxy, after, sizeof after);
    CHECK(strcmp(before, after) != 0);

    setenv("NO_PROXY", "localhost, 127.0.0.0/8", 1);
    client = new_client(NULL, NULL, AIROPS_REDIRECTS_NEVER);
    CHECK(airops_app_get(client, "hello-world", &json, NULL) == AIROPS_OK);
    airops_string_free(json);
    airops_client_free(client);
    proxy_stats(proxy, before, sizeof before);
    CHECK(strcmp(before, after) == 0);
    unsetenv("NO_PROXY");

    /* An explicit "" connects directly, whatever the environment says. */
    client = new_client("", NULL, AIROPS_REDIRECTS_NEVER);
    CHECK(airops_app_get(client, "hello-world", &json, NULL) == AIROPS_OK);
    airops_string_free(json);
    airops_client_free(client);
    proxy_stats(proxy, after, sizeof after);
    CHECK(strcmp(before, after) == 0);
    unsetenv(tls ? "HTTPS_PROXY" : "http_proxy");
}

static void test_proxy_credentials_and_refusals(void) {
    /* With the credentials in the URL the authenticating proxy lets everything through. */
    const char *with_credentials = env("AIROPS_TEST_PROXY_AUTH");
    airops_client *client = new_client(with_credentials, NULL, AIROPS_REDIRECTS_NEVER);
    CHECK(run_calls(client, NULL) == AIROPS_OK);
    airops_client_free(client);

    /* Without them: a network error that names the proxy, never a hang. */
    char bare[256];
    snprintf(bare, sizeof bare, "http://127.0.0.1:%s", strrchr(with_credentials, ':') + 1);
    client = new_client(bare, NULL, AIROPS_REDIRECTS_NEVER);
    EXPECT_ERROR(run_calls(client, &error), AIROPS_ERR_NETWORK, 0, bare);
    airops_client_free(client);

    /* A proxy that refuses the CONNECT of the realtime connection. */
    const char *refusing = env("AIROPS_TEST_PROXY_REFUSING");
    client = new_client(refusing, NULL, AIROPS_REDIRECTS_NEVER);
    airops_execution *execution = NULL;
    EXPECT_ERROR(airops_app_execute_stream(client, "slow-echo", "{\"text\": \"x\"}", 0, on_event, NULL, &execution, &error),
                 AIROPS_ERR_NETWORK, 0, refusing);
    /* ... and of the API calls. */
    char *json = NULL;
    EXPECT_ERROR(airops_app_get(client, "hello-world", &json, &error), AIROPS_ERR_NETWORK, 0, "refused the tunnel");
    airops_client_free(client);
}

static void test_plain_http_needs_loopback_or_an_opt_in(void) {
    const char *hosts[] = {"http://example.com", "http://10.1.2.3:8080", "http://[2001:db8::1]"};
    for (size_t i = 0; i < sizeof hosts / sizeof *hosts; i++) {
        airops_options *options = airops_options_new();
        CHECK(airops_options_set_identity(options, "u", "1", "h", NULL) == AIROPS_OK);
        CHECK(airops_options_set_host(options, hosts[i], NULL) == AIROPS_OK);
        airops_client *client = NULL;
        EXPECT_ERROR(airops_client_new(options, &client, &error), AIROPS_ERR_INVALID_ARGUMENT, 0, "https://");
        CHECK(client == NULL);
        /* The opt-in: the client is made, and its request fails for the network's reasons. */
        CHECK(airops_options_allow_insecure_http(options, 1, NULL) == AIROPS_OK);
        CHECK(airops_client_new(options, &client, NULL) == AIROPS_OK);
        airops_client_free(client);
        airops_options_free(options);
    }

    /* Loopback needs no opt-in, by address or by name. */
    if (!tls) {
        const char *port = strrchr(env("AIROPS_HOST"), ':') + 1;
        char host[64];
        snprintf(host, sizeof host, "http://localhost:%s", port);
        airops_options *options = airops_options_new();
        CHECK(airops_options_set_identity(options, env("AIROPS_USER_ID"), env("AIROPS_WORKSPACE_ID"),
                                          env("AIROPS_HASHED_USER_ID"), NULL) == AIROPS_OK);
        CHECK(airops_options_set_host(options, host, NULL) == AIROPS_OK);
        airops_client *client = NULL;
        CHECK(airops_client_new(options, &client, NULL) == AIROPS_OK);
        char *json = NULL;
        CHECK(airops_app_get(client, "hello-world", &json, NULL) == AIROPS_OK);
        CHECK(json && strstr(json, "\"hello-world\""));
        airops_string_free(json);
        airops_client_free(client);
        airops_options_free(options);
    }

    /* An unencrypted realtime URL next to an https:// API. */
    airops_options *options = airops_options_new();
    CHECK(airops_options_set_host(options, "https://api.example.com", NULL) == AIROPS_OK);
    CHECK(airops_options_set_realtime_url(options, "ws://realtime.example.com", "key", NULL) == AIROPS_OK);
    airops_client *client = NULL;
    EXPECT_ERROR(airops_client_new(options, &client, &error), AIROPS_ERR_INVALID_ARGUMENT, 0, "wss://");
    airops_options_free(options);
}

static void test_option_validation(void) {
    airops_options *options = airops_options_new();
    const char *bad_proxies[] = {"socks5://127.0.0.1:1080", "https://proxy:443", "http://", "http://proxy:0",
                                 "http://proxy/path", "http://u:hunter2@proxy:99999"};
    for (size_t i = 0; i < sizeof bad_proxies / sizeof *bad_proxies; i++) {
        EXPECT_ERROR(airops_options_set_proxy(options, bad_proxies[i], &error), AIROPS_ERR_INVALID_ARGUMENT, 0, "proxy");
    }
    CHECK(airops_options_set_proxy(options, NULL, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_proxy(options, "127.0.0.1:3128", NULL) == AIROPS_OK);
    CHECK(airops_options_set_no_proxy(options, "*", NULL) == AIROPS_OK);
    CHECK(airops_options_set_no_proxy(options, ".example.com, 10.0.0.0/8, [::1]:8080, host:80", NULL) == AIROPS_OK);
    CHECK(airops_options_set_no_proxy(options, "bad entry!", NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_no_proxy(options, "10.0.0.0/33", NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_no_proxy(options, NULL, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_redirects(options, (airops_redirects)7, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_redirects(NULL, AIROPS_REDIRECTS_NEVER, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_allow_insecure_http(NULL, 1, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(airops_code_name(AIROPS_ERR_REDIRECT), "AIROPS_ERR_REDIRECT");
    airops_options_free(options);
}

int main(void) {
    tls = strncmp(env("AIROPS_HOST"), "https://", 8) == 0;
    witness_requests(witness_seen_before, sizeof witness_seen_before);
    test_option_validation();
    test_plain_http_needs_loopback_or_an_opt_in();
    /* The fault rules that serve redirects are set over plain HTTP (dev_server.h): with TLS,
     * the Python suite covers https -> http. */
    if (!tls) {
        test_redirects_are_not_followed();
        test_same_origin_redirects_are_followed();
    }
    test_proxy_carries_every_connection();
    test_proxy_from_the_environment();
    test_proxy_credentials_and_refusals();
    if (!tls) set_faults("{}");
    return check_summary(tls ? "test_network (TLS)" : "test_network");
}
