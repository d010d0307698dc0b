/*
 * summary_stats.h - reading GWAS summary statistics for Mendelian
 * randomization (analysis layer). Depends only on core.
 *
 * A table, comma- or tab-separated (tab when the header line holds a tab),
 * one header line naming the columns, then one variant per line. Fields may
 * be quoted ("rs1", with "" for a quote inside), as R's write.csv writes them.
 * Blank lines and lines starting with '#' are ignored; column names match
 * without regard to case; columns not listed here are ignored (a harmonised
 * TwoSampleMR table carries many). Two forms:
 *
 *   TwoSampleMR's harmonised data (alleles aligned here, harmonise.h):
 *     SNP, effect_allele.exposure, other_allele.exposure, beta.exposure,
 *     se.exposure, effect_allele.outcome, other_allele.outcome, beta.outcome,
 *     se.outcome; optional eaf.exposure, eaf.outcome (needed to keep
 *     palindromic variants), samplesize.exposure, samplesize.outcome.
 *   The short form, already aligned (no harmonising):
 *     bx, bxse, by, byse; optional snp (else snp_1, snp_2, ... in file order),
 *     nx, ny (sample sizes).
 *   Either form may instead give one sample size for both studies as n.
 *
 * Optional values may be NA or empty. Errors read "path:line:col: message"
 * (1-based, col in bytes): a missing column, a field that is not a number,
 * a standard error <= 0, a beta.exposure of 0, a frequency outside [0, 1], a
 * duplicate SNP, a row with more or fewer fields than the header, an empty
 * file or one without variants, and no variant left after harmonising.
 */
#ifndef MH_ANALYSIS_SUMMARY_STATS_H
#define MH_ANALYSIS_SUMMARY_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis/harmonise.h"
#include "analysis/mr.h"
#include "myohep/myohep.h"

/* A variant harmonising changed or dropped. */
typedef struct mh_harmonise_note {
    char *snp;
    long line;
    mh_allele_action action;
} mh_harmonise_note;

typedef struct mh_summary_stats {
    int n;                          /* variants kept */
    char **snp;                     /* their ids */
    long *line;                     /* the line each was read from */
    double *bx, *bxse, *by, *byse;  /* outcome on the exposure's effect allele */
    double *n_exposure, *n_outcome; /* sample sizes; NULL unless known for every variant */
    bool harmonised;                /* TwoSampleMR form: alleles were aligned here */
    int n_read;                     /* variants in the file */
    mh_harmonise_note *notes;       /* each variant not kept exactly as read, in file order */
    int n_notes;
} mh_summary_stats;

/* Read a file (at most 256 MiB). On failure `out` is left empty (safe to free). */
mh_status mh_summary_stats_read(const char *path, mh_summary_stats *out, mh_error *err);
/* The same from text in memory, `length` bytes followed by a NUL; `name`
 * stands for the path in messages. The text is modified (fields are unescaped
 * and ended in place). */
mh_status mh_summary_stats_parse(char *text, size_t length, const char *name, mh_summary_stats *out,
                                 mh_error *err);
void mh_summary_stats_free(mh_summary_stats *s);

/* The kept variants as the estimators take them (pointers into s). */
mh_mr_variants mh_summary_stats_variants(const mh_summary_stats *s);

#endif
