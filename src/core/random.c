/*
 * random.c - deterministic random streams (core layer); see random.h.
 */
#include "core/random.h"

#include <math.h>

uint64_t mh_random_u64(mh_random *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

mh_random mh_random_stream(uint64_t seed, long id)
{
    mh_random mixer = {seed};
    mh_random r = {mh_random_u64(&mixer) ^ ((uint64_t)id * 0xD1B54A32D192ED03u)};
    mh_random_u64(&r);
    return r;
}

/* 53 random bits, centred in their interval: (k + 0.5) / 2^53. */
double mh_random_uniform(mh_random *r)
{
    return ((double)(mh_random_u64(r) >> 11) + 0.5) / 9007199254740992.0;
}

double mh_random_normal(mh_random *r)
{
    /* Box-Muller, one value per call: simpler than caching the pair, and draws stay in step. */
    double u1 = mh_random_uniform(r), u2 = mh_random_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}
