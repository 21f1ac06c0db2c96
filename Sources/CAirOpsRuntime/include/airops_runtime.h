/* The Swift concurrency runtime's hook for its global executor, which Swift code cannot name.
 * In the self-contained library the runtime is linked in statically and its symbols are
 * hidden: only a reference made at link time, like this one, reaches them. */
#ifndef AIROPS_RUNTIME_H
#define AIROPS_RUNTIME_H

extern void *swift_task_enqueueGlobal_hook;

/* The address of the hook, which the runtime calls (when set) for every job bound for the
 * global executor. */
static inline void **airops_runtime_enqueue_global_hook(void) { return &swift_task_enqueueGlobal_hook; }

#endif
