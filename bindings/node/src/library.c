#include "library.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

airops_library lib;

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
/* The file the library was loaded from; empty until then. Worker threads share the one
 * process-wide library, so a second load must name the same file. */
static char loaded_path[4096];

static int resolve(void *handle, char *reason, size_t reason_size) {
#define AIROPS_RESOLVE(name)                                                                   \
    *(void **)&lib.name = dlsym(handle, #name);                                                \
    if (lib.name == NULL) {                                                                    \
        snprintf(reason, reason_size, "the library does not export " #name "(): not a matching libairops"); \
        return 0;                                                                              \
    }
    AIROPS_FUNCTIONS(AIROPS_RESOLVE)
#undef AIROPS_RESOLVE
    return 1;
}

static int load_locked(const char *path, char *reason, size_t reason_size) {
    if (loaded_path[0] != '\0') {
        if (strcmp(path, loaded_path) == 0) return 1;
        snprintf(reason, reason_size, "libairops is already loaded from %s, cannot load %s as well", loaded_path, path);
        return 0;
    }
    if (strlen(path) >= sizeof loaded_path) {
        snprintf(reason, reason_size, "the library path is too long");
        return 0;
    }
    /* RTLD_LOCAL: the library's symbols stay out of the process's global namespace. */
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        snprintf(reason, reason_size, "could not load libairops: %s", dlerror());
        return 0;
    }
    if (!resolve(handle, reason, reason_size)) {
        dlclose(handle);
        memset(&lib, 0, sizeof lib);
        return 0;
    }
    int found = lib.airops_version_number();
    if (found != AIROPS_VERSION_NUMBER) {
        snprintf(reason, reason_size, "%s is libairops version number %d, but this addon was built for %d", path, found,
                 AIROPS_VERSION_NUMBER);
        dlclose(handle);
        memset(&lib, 0, sizeof lib);
        return 0;
    }
    /* Never unloaded: library threads may run until the process ends. */
    strcpy(loaded_path, path);
    return 1;
}

int library_load(const char *path, char *reason, size_t reason_size) {
    pthread_mutex_lock(&load_lock);
    int ok = load_locked(path, reason, reason_size);
    pthread_mutex_unlock(&load_lock);
    return ok;
}
