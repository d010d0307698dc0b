/*
 * harmonise.c - aligning the outcome to the exposure's effect allele
 * (analysis layer); the rules are in harmonise.h.
 */
#include "analysis/harmonise.h"

#include <ctype.h>
#include <math.h>
#include <string.h>
#include <strings.h>

static const char *const action_names[MH_ALLELE_ACTION_COUNT] = {
    [MH_ALLELES_ALIGNED] = "aligned",
    [MH_ALLELES_SWAPPED] = "swapped (outcome on the other allele)",
    [MH_ALLELES_STRAND_FLIPPED] = "strand flipped",
    [MH_ALLELES_FLIPPED_SWAPPED] = "strand flipped and swapped",
    [MH_ALLELES_PALINDROMIC] = "palindromic, kept (allele frequencies agree)",
    [MH_ALLELES_PALINDROMIC_SWAPPED] = "palindromic, swapped (allele frequencies disagree)",
    [MH_ALLELES_AMBIGUOUS] = "dropped: palindromic with a frequency near 0.5",
    [MH_ALLELES_INCOMPATIBLE] = "dropped: alleles do not match",
};

const char *mh_allele_action_name(mh_allele_action action)
{
    if ((int)action < 0 || action >= MH_ALLELE_ACTION_COUNT)
        return "unknown";
    return action_names[action];
}

bool mh_allele_action_keeps(mh_allele_action action)
{
    return action != MH_ALLELES_AMBIGUOUS && action != MH_ALLELES_INCOMPATIBLE &&
           action < MH_ALLELE_ACTION_COUNT;
}

bool mh_allele_action_negates(mh_allele_action action)
{
    return action == MH_ALLELES_SWAPPED || action == MH_ALLELES_FLIPPED_SWAPPED ||
           action == MH_ALLELES_PALINDROMIC_SWAPPED;
}

static bool same(const char *x, const char *y)
{
    return strcasecmp(x, y) == 0;
}

/* The allele on the other strand: A<->T, C<->G letter by letter; 0 when some
 * letter has no complement (then no strand flip can match). */
static int complement(const char *allele, char *out, size_t size)
{
    size_t n = strlen(allele);
    if (n == 0 || n >= size)
        return 0;
    static const char from[] = "ACGT", to[] = "TGCA";
    for (size_t i = 0; i < n; i++) {
        const char *at = strchr(from, toupper((unsigned char)allele[i]));
        if (!at || !*at)
            return 0;
        out[i] = to[at - from];
    }
    out[n] = '\0';
    return 1;
}

static bool palindromic(const char *effect, const char *other)
{
    char flipped[2];
    return strlen(effect) == 1 && complement(effect, flipped, sizeof flipped) &&
           same(flipped, other);
}

/* Steps 1-2 of harmonise.h for outcome alleles (b1, b2). */
static mh_allele_action match(const mh_allele_pair *v, const char *b1, const char *b2,
                              mh_allele_action aligned, mh_allele_action swapped)
{
    if (same(v->a_effect, b1) && same(v->a_other, b2))
        return aligned;
    if (same(v->a_effect, b2) && same(v->a_other, b1))
        return swapped;
    return MH_ALLELES_INCOMPATIBLE;
}

/* Written as TwoSampleMR writes it, so the end points round alike. */
static bool near_half(double eaf)
{
    return isnan(eaf) || (eaf > 0.5 - MH_HARMONISE_TOLERANCE && eaf < 0.5 + MH_HARMONISE_TOLERANCE);
}

/* Step 5: the outcome's frequency, once on the exposure's allele labels,
 * against the exposure's. */
static mh_allele_action by_frequency(const mh_allele_pair *v, bool labels_swapped)
{
    double b_eaf = labels_swapped ? 1.0 - v->b_eaf : v->b_eaf;
    if (near_half(v->a_eaf) || near_half(b_eaf))
        return MH_ALLELES_AMBIGUOUS;
    bool disagree = (v->a_eaf < 0.5) != (b_eaf < 0.5);
    return disagree != labels_swapped ? MH_ALLELES_PALINDROMIC_SWAPPED : MH_ALLELES_PALINDROMIC;
}

mh_allele_action mh_harmonise_alleles(const mh_allele_pair *v)
{
    if (palindromic(v->a_effect, v->a_other)) {
        mh_allele_action m =
            match(v, v->b_effect, v->b_other, MH_ALLELES_ALIGNED, MH_ALLELES_SWAPPED);
        if (m == MH_ALLELES_INCOMPATIBLE)
            return m;
        return by_frequency(v, m == MH_ALLELES_SWAPPED);
    }
    mh_allele_action m = match(v, v->b_effect, v->b_other, MH_ALLELES_ALIGNED, MH_ALLELES_SWAPPED);
    if (m != MH_ALLELES_INCOMPATIBLE)
        return m;
    char b1[64], b2[64];
    if (!complement(v->b_effect, b1, sizeof b1) || !complement(v->b_other, b2, sizeof b2))
        return MH_ALLELES_INCOMPATIBLE;
    return match(v, b1, b2, MH_ALLELES_STRAND_FLIPPED, MH_ALLELES_FLIPPED_SWAPPED);
}
