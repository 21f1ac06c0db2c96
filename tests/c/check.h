/* A minimal test harness for the C tests: CHECK records a failure and goes on; each test
 * file ends with check_summary(), which prints "N passed, N failed" and gives the exit code. */
#ifndef AIROPS_TEST_CHECK_H
#define AIROPS_TEST_CHECK_H

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Atomic: callbacks on library threads check too. */
static atomic_int check_passed, check_failed;

#define CHECK(condition)                                                                 \
    do {                                                                                 \
        if (condition) {                                                                 \
            check_passed++;                                                              \
        } else {                                                                         \
            check_failed++;                                                              \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
        }                                                                                \
    } while (0)

#define CHECK_STR(actual, expected)                                                      \
    do {                                                                                 \
        const char *check_a = (actual), *check_e = (expected);                           \
        if (check_a != NULL && check_e != NULL && strcmp(check_a, check_e) == 0) {       \
            check_passed++;                                                              \
        } else {                                                                         \
            check_failed++;                                                              \
            fprintf(stderr, "%s:%d: CHECK_STR failed: %s is \"%s\", expected \"%s\"\n",  \
                    __FILE__, __LINE__, #actual, check_a ? check_a : "(null)",           \
                    check_e ? check_e : "(null)");                                       \
        }                                                                                \
    } while (0)

static inline const char *check_env(const char *name) {
    const char *value = getenv(name);
    if (value == NULL) {
        fprintf(stderr, "%s is not set: run this test through tests/with_dev_server.py\n", name);
        exit(2);
    }
    return value;
}

static inline int check_summary(const char *suite) {
    printf("%s: %d passed, %d failed\n", suite, atomic_load(&check_passed), atomic_load(&check_failed));
    return atomic_load(&check_failed) == 0 ? 0 : 1;
}

#endif
