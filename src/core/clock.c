/*
 * clock.c - elapsed and CPU time in seconds (core layer).
 */
#include "core/clock.h"

#include <time.h>

static double seconds(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

double mh_wall_seconds(void) { return seconds(CLOCK_MONOTONIC); }

double mh_thread_cpu_seconds(void) { return seconds(CLOCK_THREAD_CPUTIME_ID); }
