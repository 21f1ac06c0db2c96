/* Start-up cost: dlopen of the library and an identified client, timed in a fresh process
 * (bench/run.py runs it several times), as an application pays it once at start.
 * Usage: footprint LIBRARY. Prints {"ms": X}. */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"

#include <dlfcn.h>

/* POSIX's way to turn dlsym's object pointer into a function pointer under ISO C. */
#define BIND(handle, function) *(void **)(&function) = symbol(handle, #function)

static void *symbol(void *handle, const char *name) {
    void *address = dlsym(handle, name);
    if (address == NULL) bench_fail(name, NULL);
    return address;
}

int main(int argc, char **argv) {
    if (argc < 2) bench_fail("usage: footprint LIBRARY", NULL);
    airops_options *(*airops_options_new)(void);
    airops_code (*airops_options_set_host)(airops_options *, const char *, airops_error **);
    airops_code (*airops_options_set_identity)(airops_options *, const char *, const char *, const char *,
                                               airops_error **);
    airops_code (*airops_client_new)(const airops_options *, airops_client **, airops_error **);
    void (*airops_options_free)(airops_options *);
    void (*airops_client_free)(airops_client *);

    int64_t start = bench_now_ns();
    void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) bench_fail(dlerror(), NULL);
    BIND(library, airops_options_new);
    BIND(library, airops_options_set_host);
    BIND(library, airops_options_set_identity);
    BIND(library, airops_client_new);
    BIND(library, airops_options_free);
    BIND(library, airops_client_free);
    airops_options *options = airops_options_new();
    airops_client *client = NULL;
    if (airops_options_set_host(options, bench_env("AIROPS_HOST"), NULL) != AIROPS_OK ||
        airops_options_set_identity(options, bench_env("AIROPS_USER_ID"), bench_env("AIROPS_WORKSPACE_ID"),
                                    bench_env("AIROPS_HASHED_USER_ID"), NULL) != AIROPS_OK ||
        airops_client_new(options, &client, NULL) != AIROPS_OK) {
        bench_fail("an identified client", NULL);
    }
    double ms = (double)(bench_now_ns() - start) / 1e6;
    printf("{\"ms\": %.3f}\n", ms);
    airops_options_free(options);
    airops_client_free(client);
    return 0;
}
