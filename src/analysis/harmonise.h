/*
 * harmonise.h - aligning a variant's outcome association to the exposure's
 * effect allele (analysis layer). Depends only on core.
 *
 * The rules are those of TwoSampleMR's harmonise_data with action = 2
 * (Hemani et al. 2018, eLife 7:e34408), applied to one variant:
 *   1. alleles the same (exposure effect = outcome effect, other = other): kept;
 *   2. the outcome reported on the other allele: its beta changes sign (and its
 *      effect allele frequency becomes 1 - eaf);
 *   3. otherwise, unless the exposure's alleles are palindromic (A/T, C/G), the
 *      outcome's alleles are read on the other strand (A<->T, C<->G) and steps
 *      1-2 are tried again;
 *   4. alleles that still do not match are incompatible: dropped;
 *   5. palindromic variants: the strand cannot be told from the alleles, so the
 *      allele frequencies decide: when the exposure's and the outcome's
 *      frequencies lie on opposite sides of 0.5 the outcome's beta changes sign.
 *      A palindromic variant whose frequency (either one, or a missing one) lies
 *      strictly between 0.5 -+ MH_HARMONISE_TOLERANCE (0.42 and 0.58) is
 *      ambiguous: dropped.
 * Alleles compare without regard to case; any text is an allele (indels as
 * sequences or as I/D, though I/D is not recoded against sequences as
 * TwoSampleMR does), and a strand flip complements A, C, G and T letter by
 * letter. A missing (empty) allele matches nothing.
 */
#ifndef MH_ANALYSIS_HARMONISE_H
#define MH_ANALYSIS_HARMONISE_H

#include <stdbool.h>

/* Frequencies strictly within 0.5 +- this make a palindromic variant ambiguous
 * (TwoSampleMR's default tolerance). */
#define MH_HARMONISE_TOLERANCE 0.08

typedef enum mh_allele_action {
    MH_ALLELES_ALIGNED,             /* kept as read */
    MH_ALLELES_SWAPPED,             /* outcome on the other allele: beta sign changed */
    MH_ALLELES_STRAND_FLIPPED,      /* outcome on the other strand, same allele: kept */
    MH_ALLELES_FLIPPED_SWAPPED,     /* other strand and other allele: beta sign changed */
    MH_ALLELES_PALINDROMIC,         /* palindromic, frequencies agree: kept */
    MH_ALLELES_PALINDROMIC_SWAPPED, /* palindromic, frequencies disagree: beta sign changed */
    MH_ALLELES_AMBIGUOUS,           /* dropped: palindromic with a frequency near 0.5 */
    MH_ALLELES_INCOMPATIBLE,        /* dropped: alleles that cannot be aligned */
    MH_ALLELE_ACTION_COUNT
} mh_allele_action;

/* One variant's alleles: effect and other allele and the effect allele's
 * frequency (NAN when unknown) in the exposure (a) and the outcome (b) data. */
typedef struct mh_allele_pair {
    const char *a_effect, *a_other;
    double a_eaf;
    const char *b_effect, *b_other;
    double b_eaf;
} mh_allele_pair;

/* What harmonising does with this variant. */
mh_allele_action mh_harmonise_alleles(const mh_allele_pair *alleles);
/* Whether the action keeps the variant, and whether it changes the outcome beta's sign. */
bool mh_allele_action_keeps(mh_allele_action action);
bool mh_allele_action_negates(mh_allele_action action);
/* Short fixed name ("swapped", "ambiguous palindromic", ...) for reports. */
const char *mh_allele_action_name(mh_allele_action action);

#endif
