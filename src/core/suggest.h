/*
 * suggest.h - "did you mean" for unknown names (core layer).
 */
#ifndef MH_CORE_SUGGEST_H
#define MH_CORE_SUGGEST_H

#include <stddef.h>

/* Closest candidate to `word` by edit distance, or NULL when none is close
 * enough to be a plausible typo (distance <= max(2, len/3)). */
const char *mh_suggest(const char *word, const char *const *candidates, size_t count);

#endif
