/*
 * insilico_mr.c - in-silico Mendelian randomization (population layer); the
 * design is in insilico_mr.h, the method in docs/MODEL.md section 10.
 */
#include "population/insilico_mr.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/error.h"
#include "core/random.h"
#include "population/population.h"

/* FNV-1a of an SNP's name: its genotypes' stream key. */
static uint64_t name_key(const char *name)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++)
        h = (h ^ *c) * 0x100000001b3u;
    return h;
}

void mh_insilico_mr_genotype(const mh_insilico_mr_spec *spec, long id, unsigned char *alleles)
{
    for (int j = 0; j < spec->n_instruments; j++) {
        /* one stream per (seed, SNP name, subject): adding, removing or reordering
         * instruments leaves everyone's genotype at the others as it was; negative
         * ids keep it apart from the subject's own draws (population.c) */
        mh_random r = mh_random_stream(spec->cohort->seed ^ name_key(spec->instruments[j].snp), -1 - id);
        double f = spec->instruments[j].frequency;
        alleles[j] = (unsigned char)((mh_random_uniform(&r) < f) + (mh_random_uniform(&r) < f));
    }
}

static long truth_stride(const mh_insilico_mr_spec *spec)
{
    return spec->truth_subjects > 0 ? spec->cohort->size / spec->truth_subjects : 0;
}

/* One subject of each block of `stride` consecutive ids, the block's first or
 * second by turns, so that the subset is spread over the cohort and over both
 * samples (even and odd ids) alike. */
bool mh_insilico_mr_in_truth(const mh_insilico_mr_spec *spec, long id)
{
    long stride = truth_stride(spec);
    if (stride <= 0)
        return false;
    long block = id / stride;
    return block < spec->truth_subjects && id % stride == (stride > 1 ? block % 2 : 0);
}

/* ---- simulating one person ---------------------------------------------------------- */

/* Append shifts to factors: each parameter times (1 + fraction)^times. */
static int add_shifts(mh_param_factor *factors, int n, const mh_parameter_shift *shifts,
                      int n_shifts, int times)
{
    for (int k = 0; k < n_shifts; k++)
        factors[n++] = (mh_param_factor){shifts[k].param, pow(1.0 + shifts[k].fraction, times)};
    return n;
}

enum { MAX_FACTORS = MH_INSILICO_MAX_INSTRUMENTS * MH_INSILICO_MAX_EFFECTS + MH_INSILICO_MAX_EFFECTS };

static void simulate_one(const mh_insilico_mr_spec *spec, long id, mh_insilico_subject *out)
{
    const mh_population_spec *cohort = spec->cohort;
    mh_population_subject s;
    mh_population_draw(cohort, id, &s);
    memset(out, 0, sizeof *out);
    out->id = id;
    mh_insilico_mr_genotype(spec, id, out->alleles);
    double height_m = s.height_cm / 100.0;
    const double covariates[MH_INSILICO_COVARIATE_COUNT] = {
        [MH_INSILICO_COVARIATE_AGE] = s.age_y,
        [MH_INSILICO_COVARIATE_SEX] = s.female,
        [MH_INSILICO_COVARIATE_BMI] = s.weight_kg / (height_m * height_m),
        [MH_INSILICO_COVARIATE_HEIGHT] = s.height_cm,
        [MH_INSILICO_COVARIATE_PAL] = s.physical_activity_level,
        [MH_INSILICO_COVARIATE_BASELINE] = NAN};
    memcpy(out->covariates, covariates, sizeof covariates);
    for (int t = 0; t < MH_INSILICO_MAX_INTERVENTIONS; t++)
        for (int e = 0; e < MH_INSILICO_MAX_TRAITS; e++)
            out->truth_change[t][e] = NAN;

    mh_param_factor factors[MAX_FACTORS];
    int n = 0;
    for (int j = 0; j < spec->n_instruments; j++)
        if (out->alleles[j])
            n = add_shifts(factors, n, spec->instruments[j].effects,
                           spec->instruments[j].n_effects, out->alleles[j]);
    mh_population_subject run = s;
    mh_error err = {0};
    double t0 = mh_thread_cpu_seconds();
    out->status = mh_population_simulate(cohort, &run, factors, n, &err);
    double t1 = mh_thread_cpu_seconds();
    out->cpu_seconds[0] = (float)(t1 - t0);
    if (out->status != MH_OK) {
        snprintf(out->reason, sizeof out->reason, "%.*s", (int)sizeof out->reason - 1, err.message);
        return;
    }
    for (int e = 0; e < cohort->n_endpoints; e++) {
        out->start[e] = run.start[e];
        out->end[e] = run.endpoints[e];
    }
    out->in_truth = mh_insilico_mr_in_truth(spec, id);
    for (int t = 0; out->in_truth && t < spec->n_interventions; t++) {
        const mh_truth_intervention *iv = &spec->interventions[t];
        int m = add_shifts(factors, n, iv->effects, iv->n_effects, 1);
        mh_population_subject treated = s;
        if (mh_population_simulate(cohort, &treated, factors, m, &err) != MH_OK)
            continue; /* left NAN: this subject drops out of this intervention's truth */
        for (int e = 0; e < cohort->n_endpoints; e++)
            out->truth_change[t][e] = (float)(treated.endpoints[e] - out->end[e]);
    }
    out->cpu_seconds[1] = (float)(mh_thread_cpu_seconds() - t1);
}

/* One run of mh_insilico_mr_simulate: what each subject's work needs. */
typedef struct insilico_job {
    const mh_insilico_mr_spec *spec;
    long first;
    mh_insilico_subject *out;
} insilico_job;

static void run_one(long i, void *user)
{
    const insilico_job *job = user;
    simulate_one(job->spec, job->first + i, &job->out[i]);
}

mh_status mh_insilico_mr_simulate(const mh_insilico_mr_spec *spec, long first, long count,
                                  int threads, mh_insilico_subject *out, mh_progress_fn progress,
                                  void *progress_user, mh_error *err)
{
    (void)err; /* each subject carries its own status */
    insilico_job job = {spec, first, out};
    mh_population_parallel(count, threads, run_one, &job, progress, progress_user);
    return MH_OK;
}

/* ---- the analysis ------------------------------------------------------------------ */

/* The subjects of one sample (or both: sample < 0) whose run succeeded. */
static long select_sample(const mh_insilico_subject *subjects, long n, int sample, long *rows)
{
    long m = 0;
    for (long i = 0; i < n; i++)
        if (subjects[i].status == MH_OK && (sample < 0 || subjects[i].id % 2 == sample))
            rows[m++] = i;
    return m;
}

/* A trait's design on the selected rows: covariates as the file adjusts for
 * them; a baseline left out (see baseline_left_out) is a constant column,
 * which the regression drops as collinear with the intercept. */
static mh_status prepare_trait(const mh_insilico_mr_spec *spec, const mh_insilico_mr_result *res,
                               const mh_insilico_subject *subjects, const long *rows, long m,
                               int trait, double *y, double *z, mh_gwas_trait *out, mh_error *err)
{
    for (long r = 0; r < m; r++) {
        const mh_insilico_subject *s = &subjects[rows[r]];
        y[r] = s->end[trait];
        for (int k = 0; k < spec->n_adjust; k++) {
            double v = s->covariates[spec->adjust[k]];
            if (spec->adjust[k] == MH_INSILICO_COVARIATE_BASELINE)
                v = res->baseline_left_out[trait] ? 0.0 : s->start[trait];
            z[(size_t)k * (size_t)m + (size_t)r] = v;
        }
    }
    return mh_gwas_trait_prepare(out, m, y, z, spec->n_adjust, err);
}

/* Whether each endpoint's start value depends on the genotypes, found exactly:
 * subject 0 of the cohort runs once without genotype effects and once as a
 * homozygote of each instrument in turn (1 + instruments runs, whatever the
 * cohort's size), and a start value that moves marks its endpoint. */
static mh_status check_baselines(const mh_insilico_mr_spec *spec, mh_insilico_mr_result *res,
                                 mh_error *err)
{
    bool adjusted = false;
    for (int k = 0; k < spec->n_adjust; k++)
        adjusted = adjusted || spec->adjust[k] == MH_INSILICO_COVARIATE_BASELINE;
    for (int e = 0; e < MH_INSILICO_MAX_TRAITS; e++)
        res->baseline_instrument[e] = -1;
    if (!adjusted)
        return MH_OK;
    const mh_population_spec *cohort = spec->cohort;
    mh_population_subject drawn, reference, variant;
    mh_population_draw(cohort, 0, &drawn);
    reference = drawn;
    mh_status st = mh_population_simulate(cohort, &reference, NULL, 0, err);
    for (int j = 0; j < spec->n_instruments && st == MH_OK; j++) {
        mh_param_factor factors[MH_INSILICO_MAX_EFFECTS];
        int n = add_shifts(factors, 0, spec->instruments[j].effects, spec->instruments[j].n_effects, 2);
        variant = drawn;
        st = mh_population_simulate(cohort, &variant, factors, n, err);
        for (int e = 0; e < cohort->n_endpoints && st == MH_OK; e++)
            if (res->baseline_instrument[e] < 0 && variant.start[e] != reference.start[e]) {
                res->baseline_instrument[e] = j;
                res->baseline_left_out[e] = true;
            }
    }
    if (st != MH_OK)
        mh_error_prefix(err, "checking whether the baselines depend on the genotypes (subject 0)");
    return st;
}

/* Every endpoint on every instrument in one sample. */
static mh_status sample_gwas(const mh_insilico_mr_spec *spec, const mh_insilico_subject *subjects,
                             const long *rows, long m, double *y, double *z, double *x, int sample,
                             mh_insilico_mr_result *res, mh_error *err)
{
    for (int e = 0; e < spec->cohort->n_endpoints; e++) {
        mh_gwas_trait trait;
        mh_status st = prepare_trait(spec, res, subjects, rows, m, e, y, z, &trait, err);
        if (st != MH_OK)
            return st;
        for (int k = 0; k < spec->n_adjust; k++)
            res->dropped[e][spec->adjust[k]] |= trait.dropped[k];
        for (int j = 0; j < spec->n_instruments; j++) {
            for (long r = 0; r < m; r++)
                x[r] = subjects[rows[r]].alleles[j];
            res->gwas[sample][e][j] = mh_gwas_test(&trait, x);
        }
        mh_gwas_trait_free(&trait);
    }
    return MH_OK;
}

static mh_status observational(const mh_insilico_mr_spec *spec, const mh_insilico_mr_result *res,
                               const mh_insilico_subject *subjects, const long *rows, long m,
                               double *y, double *z, double *x, const mh_insilico_analysis *a,
                               mh_gwas_association *out, mh_error *err)
{
    mh_gwas_trait trait;
    mh_status st = prepare_trait(spec, res, subjects, rows, m, a->outcome, y, z, &trait, err);
    if (st != MH_OK)
        return st;
    for (long r = 0; r < m; r++)
        x[r] = subjects[rows[r]].end[a->exposure];
    *out = mh_gwas_test(&trait, x);
    out->eaf = NAN; /* not an allele count */
    mh_gwas_trait_free(&trait);
    return MH_OK;
}

/* sum dY / sum dX over the truth subset, SE by linearising the ratio. */
static mh_mr_estimate truth_effect(const mh_insilico_subject *subjects, long n,
                                   const mh_insilico_analysis *a, long *count)
{
    double sx = 0, sy = 0;
    long m = 0;
    for (long i = 0; i < n; i++) {
        const float *d = subjects[i].truth_change[a->truth];
        if (subjects[i].status == MH_OK && subjects[i].in_truth && isfinite(d[a->exposure]) &&
            isfinite(d[a->outcome])) {
            sx += d[a->exposure];
            sy += d[a->outcome];
            m++;
        }
    }
    *count = m;
    if (m < 2 || sx == 0)
        return mh_mr_normal_estimate(NAN, NAN);
    double theta = sy / sx, ss = 0;
    for (long i = 0; i < n; i++) {
        const float *d = subjects[i].truth_change[a->truth];
        if (subjects[i].status == MH_OK && subjects[i].in_truth && isfinite(d[a->exposure]) &&
            isfinite(d[a->outcome])) {
            double r = d[a->outcome] - theta * d[a->exposure];
            ss += r * r;
        }
    }
    double se = sqrt(ss / ((double)m * (double)(m - 1))) / fabs(sx / (double)m);
    return mh_mr_normal_estimate(theta, se);
}

/* The instruments of analysis a: listed, or those passing select_p for the
 * exposure in sample A; each with both associations defined. */
static void gather_variants(const mh_insilico_mr_spec *spec, const mh_insilico_mr_result *res,
                            const mh_insilico_analysis *a, mh_insilico_mr_finding *f)
{
    f->n_variants = 0;
    for (int k = 0; k < (a->n_instruments ? a->n_instruments : spec->n_instruments); k++) {
        int j = a->n_instruments ? a->instruments[k] : k;
        const mh_gwas_association *x = &res->gwas[MH_INSILICO_SAMPLE_A][a->exposure][j];
        /* one sample: the outcome measured in the exposure's people (weak
         * instruments then pull towards the observational association) */
        const mh_gwas_association *y =
            &res->gwas[a->one_sample ? MH_INSILICO_SAMPLE_A : MH_INSILICO_SAMPLE_B][a->outcome][j];
        if (!isfinite(x->beta) || !isfinite(y->beta) || x->beta == 0 || !(x->se > 0) ||
            !(y->se > 0))
            continue; /* an allele absent from a sample: no association to use */
        if (!a->n_instruments && !(x->p < a->select_p))
            continue;
        int v = f->n_variants++;
        f->variants[v] = j;
        f->bx[v] = x->beta;
        f->bxse[v] = x->se;
        f->by[v] = y->beta;
        f->byse[v] = y->se;
        f->nx[v] = (double)x->n;
        f->ny[v] = (double)y->n;
    }
}

static mh_status analyse_one(const mh_insilico_mr_spec *spec, const mh_insilico_subject *subjects,
                             long n, const mh_mr_bootstrap *bootstrap, const mh_insilico_analysis *a,
                             mh_insilico_mr_result *res, mh_insilico_mr_finding *f)
{
    gather_variants(spec, res, a, f);
    f->truth = mh_mr_normal_estimate(NAN, NAN);
    if (a->truth >= 0)
        f->truth = truth_effect(subjects, n, a, &f->truth_n);
    if (f->n_variants == 0) {
        f->status = MH_ERR_INVALID;
        if (a->n_instruments)
            snprintf(f->why, sizeof f->why, "no listed instrument varies in both samples");
        else
            snprintf(f->why, sizeof f->why,
                     "no instrument passes p < %g for the exposure in sample A", a->select_p);
        return MH_OK;
    }
    mh_mr_variants v = {f->n_variants, f->bx, f->bxse, f->by, f->byse};
    mh_error mr_err = {0};
    f->status = mh_mr_analyse(&v, bootstrap, &f->report, &mr_err);
    if (f->status == MH_ERR_NOMEM)
        return MH_ERR_NOMEM;
    if (f->status != MH_OK) {
        snprintf(f->why, sizeof f->why, "%.*s", (int)sizeof f->why - 1, mr_err.message);
        return MH_OK;
    }
    f->steiger = mh_mr_steiger_test(&v, f->nx, f->ny);
    for (int k = 0; k < f->n_variants; k++)
        f->n_weak += f->report.f[k] < 10.0;
    return MH_OK;
}

void mh_insilico_mr_result_free(mh_insilico_mr_result *res)
{
    if (!res)
        return;
    for (int a = 0; a < res->n_findings; a++)
        mh_mr_report_free(&res->findings[a].report);
    free(res);
}

mh_status mh_insilico_mr_analyse(const mh_insilico_mr_spec *spec, const mh_insilico_subject *subjects,
                                 long n, const mh_mr_bootstrap *bootstrap,
                                 mh_insilico_mr_result **out, mh_error *err)
{
    *out = NULL;
    mh_insilico_mr_result *res = calloc(1, sizeof *res);
    long *rows = malloc(sizeof(long) * (size_t)n);
    /* y, x and the covariate columns of the largest selection (the whole cohort) */
    double *y = malloc(sizeof(double) * (size_t)n * (size_t)(spec->n_adjust + 2));
    if (!res || !rows || !y) {
        free(res);
        free(rows);
        free(y);
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory analysing %ld subjects", n);
    }
    double *x = y + n, *z = y + 2 * n;
    res->n_subjects = n;
    for (long i = 0; i < n; i++) {
        res->cpu_seconds_cohort += subjects[i].cpu_seconds[0];
        res->cpu_seconds_truth += subjects[i].cpu_seconds[1];
        res->n_failed += subjects[i].status != MH_OK;
        res->n_truth += subjects[i].status == MH_OK && subjects[i].in_truth;
    }
    mh_status st = check_baselines(spec, res, err);
    for (int sample = 0; sample < 2 && st == MH_OK; sample++) {
        long in_sample = select_sample(subjects, n, sample, rows);
        res->n_sample[sample] = in_sample;
        st = sample_gwas(spec, subjects, rows, in_sample, y, z, x, sample, res, err);
    }
    long m = select_sample(subjects, n, -1, rows);
    for (int a = 0; a < spec->n_analyses && st == MH_OK; a++) {
        res->n_findings = a + 1;
        mh_insilico_mr_finding *f = &res->findings[a];
        st = analyse_one(spec, subjects, n, bootstrap, &spec->analyses[a], res, f);
        if (st == MH_OK)
            st = observational(spec, res, subjects, rows, m, y, z, x, &spec->analyses[a],
                               &f->observational, err);
    }
    if (st == MH_ERR_NOMEM && err && err->status == MH_OK)
        mh_error_raise(err, MH_ERR_NOMEM, "out of memory in the MR estimators");
    free(rows);
    free(y);
    if (st != MH_OK) {
        mh_insilico_mr_result_free(res);
        return st;
    }
    *out = res;
    return MH_OK;
}

bool mh_insilico_mr_covers(const mh_mr_estimate *e, const mh_mr_estimate *truth)
{
    return isfinite(e->ci_low) && isfinite(truth->estimate) && e->ci_low <= truth->estimate &&
           truth->estimate <= e->ci_high;
}
