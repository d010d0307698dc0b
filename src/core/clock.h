/*
 * clock.h - elapsed and CPU time in seconds, for the timings commands report
 * (core layer). Never used to decide anything a result depends on.
 */
#ifndef MH_CORE_CLOCK_H
#define MH_CORE_CLOCK_H

/* Monotonic wall-clock time, s (differences only are meaningful). */
double mh_wall_seconds(void);

/* CPU time of the calling thread, s: what its work cost, whatever runs beside. */
double mh_thread_cpu_seconds(void);

#endif
