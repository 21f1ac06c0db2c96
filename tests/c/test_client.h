/* Clients of the dev server that tests/with_dev_server.py started: its host and realtime
 * endpoint (from the environment), the demo identity, its certificate when run --tls. */
#ifndef AIROPS_TEST_CLIENT_H
#define AIROPS_TEST_CLIENT_H

#include "check.h"

#include <airops.h>

/* Options for such a client in `delivery`; add what the test needs, then test_client_from(). */
static inline airops_options *test_options(airops_delivery delivery) {
    airops_options *options = airops_options_new();
    CHECK(airops_options_load_environment(options, NULL) == AIROPS_OK);
    CHECK(airops_options_set_identity(options, check_env("AIROPS_USER_ID"), check_env("AIROPS_WORKSPACE_ID"),
                                      check_env("AIROPS_HASHED_USER_ID"), NULL) == AIROPS_OK);
    CHECK(airops_options_set_delivery(options, delivery, NULL) == AIROPS_OK);
    const char *ca_file = getenv("AIROPS_CA_FILE");
    if (ca_file) CHECK(airops_options_set_ca_file(options, ca_file, NULL) == AIROPS_OK);
    return options;
}

/* Makes the client and frees `options`. */
static inline airops_client *test_client_from(airops_options *options) {
    airops_client *client = NULL;
    CHECK(airops_client_new(options, &client, NULL) == AIROPS_OK);
    airops_options_free(options);
    return client;
}

static inline airops_client *test_client(airops_delivery delivery) { return test_client_from(test_options(delivery)); }

#endif
