/* The core path through the C ABI against the dev server: identity, hashing, execute, wait,
 * fetch, cancel, and the errors of each. Run through tests/with_dev_server.py. */
#include "check.h"

#include <airops.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

/* The code of a call, with its error (read after the call) checked, freed and cleared.
 * `expected_http` < 0 skips the HTTP status check. */
static airops_code take_error(airops_code code, airops_error **slot, int expected_http) {
    airops_error *error = *slot;
    *slot = NULL;
    if (code == AIROPS_OK) {
        CHECK(error == NULL);
        return code;
    }
    CHECK(error != NULL);
    CHECK(airops_error_code(error) == code);
    CHECK(airops_error_message(error)[0] != '\0');
    if (expected_http >= 0) CHECK(airops_error_http_status(error) == expected_http);
    airops_error_free(error);
    return code;
}

static airops_client *new_client(const char *host, const char *hashed_user_id) {
    airops_options *options = airops_options_new();
    CHECK(airops_options_set_host(options, host, NULL) == AIROPS_OK);
    if (hashed_user_id != NULL) {
        CHECK(airops_options_set_identity(options, check_env("AIROPS_USER_ID"),
                                          check_env("AIROPS_WORKSPACE_ID"), hashed_user_id,
                                          NULL) == AIROPS_OK);
    }
    airops_client *client = NULL;
    CHECK(airops_client_new(options, &client, NULL) == AIROPS_OK);
    airops_options_free(options);
    return client;
}

static void test_version(void) {
    CHECK_STR(airops_version(), AIROPS_VERSION_STRING);
    CHECK(airops_version_number() == AIROPS_VERSION_NUMBER);
    CHECK_STR(airops_code_name(AIROPS_ERR_NOT_FOUND), "AIROPS_ERR_NOT_FOUND");
    CHECK_STR(airops_code_name((airops_code)999), "AIROPS_ERR_UNKNOWN");
}

static void check_hash(const char *key, const char *data, const char *expected) {
    char *hex = NULL;
    CHECK(airops_hash_user_id(key, data, &hex, NULL) == AIROPS_OK);
    CHECK_STR(hex, expected);
    airops_string_free(hex);
}

static void test_hash_user_id(void) {
    char key3[21], key4[26], key6[132], data3[51], data4[51];
    memset(key3, 0xaa, 20), key3[20] = 0;
    memset(data3, 0xdd, 50), data3[50] = 0;
    for (int i = 0; i < 25; i++) key4[i] = (char)(i + 1);
    key4[25] = 0;
    memset(data4, 0xcd, 50), data4[50] = 0;
    memset(key6, 0xaa, 131), key6[131] = 0;
    /* RFC 4231 test cases 1-4, 6, 7 (case 5 tests truncated output, which does not apply). */
    check_hash("\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b", "Hi There",
               "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    check_hash("Jefe", "what do ya want for nothing?",
               "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    check_hash(key3, data3, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    check_hash(key4, data4, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    check_hash(key6, "Test Using Larger Than Block-Size Key - Hash Key First",
               "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    check_hash(key6,
               "This is a test using a larger than block-size key and a larger than block-size data. "
               "The key needs to be hashed before being used by the HMAC algorithm.",
               "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    /* hmac.new(b"YOUR_API_KEY", b"YOUR_USER_ID", hashlib.sha256).hexdigest() */
    check_hash("YOUR_API_KEY", "YOUR_USER_ID",
               "7e8256899d105d7863b1aecf154e36f321a0709f23fb7d15e5d79e3c9088ab71");

    airops_error *error = NULL;
    char *hex = (char *)1;
    CHECK(take_error(airops_hash_user_id(NULL, "u", &hex, &error), &error, 0) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(hex == NULL);
    CHECK(take_error(airops_hash_user_id("k", "", &hex, &error), &error, 0) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_hash_user_id("k", "u", NULL, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
}

static void test_options_validation(void) {
    airops_options *options = airops_options_new();
    airops_error *error = NULL;
    CHECK(take_error(airops_options_set_identity(options, "u", "", "h", &error), &error, 0) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(take_error(airops_options_set_identity(options, "u\n", "1", "h", &error), &error, 0) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(take_error(airops_options_set_identity(options, "\xff\xfe", "1", "h", &error), &error, 0) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_identity(options, NULL, "1", "h", NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_host(options, "ftp://example.com", NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_host(options, "http://", NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_host(options, "https://app.airops.com/", NULL) == AIROPS_OK);
    CHECK(airops_options_set_request_timeout(options, 0, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_options_set_request_timeout(options, 5000, NULL) == AIROPS_OK);
    CHECK(airops_options_set_host(NULL, "http://x", NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    airops_options_free(options);
    airops_options_free(NULL);
}

/* Every pointer argument NULL, one at a time: an error code, never a crash. */
static void test_null_arguments(airops_client *client) {
    airops_execution *execution = NULL;
    airops_result *result = NULL;
    char *text = NULL;
    CHECK(airops_client_new(NULL, NULL, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_get(NULL, "hello-world", &text, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_get(client, NULL, &text, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_get(client, "hello-world", NULL, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_execute(NULL, "hello-world", NULL, 0, &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_execute(client, NULL, NULL, 0, &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_execute(client, "hello-world", NULL, 0, NULL, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_execution_open(NULL, "x", &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_execution_open(client, NULL, &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_execution_open(client, "", &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_execution_open(client, "x", NULL, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_execution_fetch(NULL, &result, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_execution_wait(NULL, 10, &result, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_execution_cancel(NULL, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(execution == NULL && result == NULL && text == NULL);
    airops_execution_free(NULL);
    airops_result_free(NULL);
    airops_error_free(NULL);
    airops_string_free(NULL);
    airops_client_free(NULL);
}

static airops_result *run(airops_client *client, const char *app_id, const char *inputs, int64_t version) {
    airops_execution *execution = NULL;
    airops_result *result = NULL;
    airops_error *error = NULL;
    CHECK(airops_app_execute(client, app_id, inputs, version, &execution, &error) == AIROPS_OK);
    if (error != NULL) fprintf(stderr, "execute %s: %s\n", app_id, airops_error_message(error));
    airops_error_free(error);
    if (execution == NULL) return NULL;
    CHECK(airops_execution_wait(execution, 30000, &result, NULL) == AIROPS_OK);
    if (result != NULL) CHECK_STR(airops_result_execution_id(result), airops_execution_id(execution));
    airops_execution_free(execution);
    return result;
}

static void test_execute(airops_client *client) {
    airops_result *result = run(client, "hello-world", "{\"name\": \"Ada\"}", 0);
    CHECK(airops_result_state(result) == AIROPS_STATE_SUCCESS);
    CHECK_STR(airops_result_status_text(result), "success");
    /* The deprecated former name still works, as the same function. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    CHECK(airops_result_status(result) == airops_result_status_text(result));
#pragma GCC diagnostic pop
    CHECK_STR(airops_result_output(result), "Hello, Ada! Welcome to AirOps.");
    CHECK(airops_result_error_code(result) == NULL);
    CHECK(strstr(airops_result_json(result), "\"uuid\"") != NULL);
    airops_result_free(result);

    result = run(client, "hello-world", "{\"name\": \"Grace\"}", 1);
    CHECK_STR(airops_result_output(result), "Hello, Grace!");
    airops_result_free(result);

    result = run(client, "1", "{\"name\": \"Linus\"}", 0); /* numeric id */
    CHECK_STR(airops_result_output(result), "Hello, Linus! Welcome to AirOps.");
    airops_result_free(result);

    result = run(client, "always-fails", NULL, 0);
    CHECK(airops_result_state(result) == AIROPS_STATE_ERROR);
    CHECK(airops_result_output(result) == NULL);
    CHECK_STR(airops_result_error_code(result), "demo_failure");
    CHECK_STR(airops_result_error_message(result), "This demo app always fails.");
    airops_result_free(result);

    char *json = NULL;
    CHECK(airops_app_get(client, "hello-world", &json, NULL) == AIROPS_OK);
    CHECK(json != NULL && strstr(json, "\"public\"") != NULL);
    airops_string_free(json);
}

static void test_request_errors(airops_client *client, const char *host) {
    airops_execution *execution = NULL;
    airops_error *error = NULL;

    CHECK(take_error(airops_app_execute(client, "no-such-app", "{}", 0, &execution, &error), &error, 404) == AIROPS_ERR_NOT_FOUND);
    CHECK(take_error(airops_app_execute(client, "hello-world", "{}", 9, &execution, &error), &error, 404) == AIROPS_ERR_NOT_FOUND);
    CHECK(take_error(airops_app_execute(client, "hello-world", "{}", 0, &execution, &error), &error, 400) == AIROPS_ERR_BAD_REQUEST);
    /* Caught before any request: malformed JSON, not an object, bad version, not UTF-8. */
    CHECK(take_error(airops_app_execute(client, "hello-world", "{\"name\": ", 0, &execution, &error), &error, 0) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(take_error(airops_app_execute(client, "hello-world", "[1, 2]", 0, &execution, &error), &error, 0) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_execute(client, "hello-world", "\"text\"", 0, &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_execute(client, "hello-world", "{}", -1, &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_execute(client, "hello-world", "{\"name\": \"\xc3\x28\"}", 0, &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_execute(client, "", "{}", 0, &execution, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    /* Ids with path characters stay one path segment: unknown, not another endpoint. */
    CHECK(airops_app_execute(client, "../executions/x", "{}", 0, &execution, NULL) == AIROPS_ERR_NOT_FOUND);
    CHECK(airops_app_execute(client, "hello-world/async_execute?x=1#", "{}", 0, &execution, NULL) == AIROPS_ERR_NOT_FOUND);
    CHECK(execution == NULL);

    /* A wrong hashed user id: 401 with the server's message. */
    airops_client *impostor = new_client(host, "0000000000000000000000000000000000000000000000000000000000000000");
    CHECK(take_error(airops_app_execute(impostor, "hello-world", "{\"name\":\"x\"}", 0, &execution, &error), &error, 401) == AIROPS_ERR_UNAUTHORIZED);
    airops_client_free(impostor);

    /* A public client runs public apps, and is refused private ones. */
    airops_client *anonymous = new_client(host, NULL);
    airops_result *result = run(anonymous, "public-echo", "{\"text\": \"hi\"}", 0);
    CHECK_STR(airops_result_output(result), "You said: hi");
    airops_result_free(result);
    CHECK(take_error(airops_app_execute(anonymous, "hello-world", "{\"name\":\"x\"}", 0, &execution, &error), &error, 401) == AIROPS_ERR_UNAUTHORIZED);
    airops_client_free(anonymous);
}

static void test_cancel(airops_client *client) {
    airops_execution *execution = NULL;
    airops_result *result = NULL;
    airops_error *error = NULL;
    CHECK(airops_app_execute(client, "slow-echo", "{\"text\": \"slow\"}", 0, &execution, NULL) == AIROPS_OK);
    CHECK(airops_execution_cancel(execution, NULL) == AIROPS_OK);
    CHECK(airops_execution_wait(execution, 10000, &result, NULL) == AIROPS_OK);
    CHECK(airops_result_state(result) == AIROPS_STATE_CANCELLED);
    CHECK(airops_result_output(result) == NULL);
    airops_result_free(result);
    /* A second cancel succeeds again: cancelling is idempotent. */
    CHECK(airops_execution_cancel(execution, NULL) == AIROPS_OK);
    airops_execution_free(execution);

    /* Cancelling a finished execution is refused by the server with 400. */
    CHECK(airops_app_execute(client, "public-echo", "{\"text\": \"done\"}", 0, &execution, NULL) == AIROPS_OK);
    CHECK(airops_execution_wait(execution, 10000, &result, NULL) == AIROPS_OK);
    airops_result_free(result);
    CHECK(take_error(airops_execution_cancel(execution, &error), &error, 400) == AIROPS_ERR_BAD_REQUEST);
    airops_execution_free(execution);
}

static void test_wait_timeout_then_again(airops_client *client) {
    airops_execution *execution = NULL;
    airops_result *result = NULL;
    airops_error *error = NULL;
    CHECK(airops_app_execute(client, "slow-echo", "{\"text\": \"patience\"}", 0, &execution, NULL) == AIROPS_OK);
    CHECK(take_error(airops_execution_wait(execution, 200, &result, &error), &error, 0) == AIROPS_ERR_TIMEOUT);
    CHECK(result == NULL);

    /* Fetch it by id through a second handle, as another process would. */
    airops_execution *by_id = NULL;
    CHECK(airops_execution_open(client, airops_execution_id(execution), &by_id, NULL) == AIROPS_OK);
    CHECK(airops_execution_fetch(by_id, &result, NULL) == AIROPS_OK);
    CHECK(airops_result_state(result) == AIROPS_STATE_RUNNING || airops_result_state(result) == AIROPS_STATE_PENDING);
    airops_result_free(result);

    CHECK(airops_execution_wait(by_id, -1, &result, NULL) == AIROPS_OK);
    CHECK_STR(airops_result_output(result), "patience");
    airops_result_free(result);
    CHECK(airops_execution_wait(execution, 0, &result, NULL) == AIROPS_OK); /* finished: no wait */
    CHECK_STR(airops_result_output(result), "patience");
    airops_result_free(result);
    airops_execution_free(by_id);
    airops_execution_free(execution);

    CHECK(airops_execution_open(client, "00000000-0000-4000-8000-000000000000", &execution, NULL) == AIROPS_OK);
    CHECK(take_error(airops_execution_fetch(execution, &result, &error), &error, 404) == AIROPS_ERR_NOT_FOUND);
    airops_execution_free(execution);
}

/* A port on which nothing listens: bind one, note it, close it. */
static int closed_port(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof address;
    bind(fd, (struct sockaddr *)&address, sizeof address);
    getsockname(fd, (struct sockaddr *)&address, &length);
    close(fd);
    return ntohs(address.sin_port);
}

static void test_network_error(void) {
    char host[64];
    snprintf(host, sizeof host, "http://127.0.0.1:%d", closed_port());
    airops_client *client = new_client(host, NULL);
    airops_execution *execution = NULL;
    airops_error *error = NULL;
    CHECK(take_error(airops_app_execute(client, "public-echo", "{}", 0, &execution, &error), &error, 0) == AIROPS_ERR_NETWORK);
    airops_client_free(client);
}

int main(void) {
    const char *host = check_env("AIROPS_HOST");
    airops_client *client = new_client(host, check_env("AIROPS_HASHED_USER_ID"));
    test_version();
    test_hash_user_id();
    test_options_validation();
    test_null_arguments(client);
    test_execute(client);
    test_request_errors(client, host);
    test_cancel(client);
    test_wait_timeout_then_again(client);
    test_network_error();
    airops_client_free(client);
    return check_summary("test_core");
}
