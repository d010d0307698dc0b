/*
 * random.h - deterministic random streams (core layer).
 *
 * A stream is splitmix64 (Steele, Lea and Flood 2014): 64 bits of state, a
 * full period of 2^64, and well-mixed outputs even from neighbouring seeds.
 * mh_random_stream keys a stream by (seed, id) so that, for example, every
 * virtual subject or every bootstrap replicate draws from its own stream and
 * results never depend on thread or rank counts. No global state.
 */
#ifndef MH_CORE_RANDOM_H
#define MH_CORE_RANDOM_H

#include <stdint.h>

typedef struct mh_random {
    uint64_t state;
} mh_random;

/* The stream for (seed, id). */
mh_random mh_random_stream(uint64_t seed, long id);
/* The next 64 random bits. */
uint64_t mh_random_u64(mh_random *r);
/* Uniform on (0, 1): never 0 or 1, so its logarithm is finite. */
double mh_random_uniform(mh_random *r);
/* Standard normal (Box-Muller, one value per call from two uniforms). */
double mh_random_normal(mh_random *r);

#endif
