/*
 * population.c - drawing and running virtual subjects (population layer).
 *
 * A subject is a scenario: the drawn `subject:` put in front of the shared
 * protocol (population_file.h), read by the ordinary scenario reader, so a
 * population subject and a hand-written scenario of the same person run
 * identically. Draws use a splitmix64 stream keyed by (seed, id)
 * (core/random.h): no state is shared between subjects, which is what makes
 * thread and rank counts irrelevant to the results.
 */
#include "population/population.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/random.h"
#include "model/species.h"
#include "plot/plot.h"
#include "scenario/scenario.h" /* the protocol's parameter overrides */
#include "solver/solver.h"     /* mh_solver_sample_count: the times a run samples */

#ifdef _OPENMP
#include <omp.h>
#endif

/* Normal truncated to [min, max] by rejection; clamped if rejection keeps failing. */
static double truncated(mh_random *r, const mh_covariate *c)
{
    double v = c->mean;
    for (int tries = 0; tries < 100; tries++) {
        v = c->mean + c->sd * mh_random_normal(r);
        if (v >= c->min && v <= c->max)
            return v;
    }
    return fmin(fmax(v, c->min), c->max);
}

static int risk_alleles(mh_random *r, double frequency)
{
    /* Hardy-Weinberg: two independent alleles */
    return (mh_random_uniform(r) < frequency) + (mh_random_uniform(r) < frequency);
}

/* ---- subjects ----------------------------------------------------------------- */

/* Each varied parameter, log-normal about its default with its own population CV
 * (mean kept): the species' default and bounds (a mouse's are scaled). Parameters
 * that physiology or the file correlates get correlated normal scores (the
 * independent scores times the Cholesky factor, which the file reader checked);
 * the others keep their own, so a file without correlations draws as before. */
static void draw_parameters(const mh_population_spec *spec, mh_random *r,
                            mh_population_subject *subject)
{
    double score[MH_POPULATION_MAX_VARIABLE];
    for (int i = 0; i < spec->n_varied; i++)
        score[i] = mh_random_normal(r);
    int members[MH_POPULATION_MAX_CORRELATED], n = 0;
    double factor[MH_POPULATION_MAX_CORRELATED][MH_POPULATION_MAX_CORRELATED];
    char why[160];
    if (mh_population_correlations(spec, members, &n, factor, why, sizeof why)) {
        double independent[MH_POPULATION_MAX_CORRELATED];
        for (int m = 0; m < n; m++)
            independent[m] = score[members[m]];
        for (int m = 0; m < n; m++) {
            double z = 0.0;
            for (int k = 0; k <= m; k++)
                z += factor[m][k] * independent[k];
            score[members[m]] = z;
        }
    }
    for (int i = 0; i < spec->n_varied; i++) {
        mh_param_info species;
        mh_species_param_info_at(spec->mouse ? MH_SPECIES_MOUSE : MH_SPECIES_HUMAN,
                                 spec->varied[i], &species);
        const mh_param_info *info = &species;
        double cv = info->population_cv * spec->cv_scale;
        double sigma = sqrt(log(1.0 + cv * cv));
        double v = info->default_value * exp(sigma * score[i] - 0.5 * sigma * sigma);
        subject->varied[i] = fmin(fmax(v, info->lower), info->upper);
    }
}

void mh_population_draw(const mh_population_spec *spec, long id, mh_population_subject *subject)
{
    memset(subject, 0, sizeof *subject);
    mh_random r = mh_random_stream(spec->seed, id);
    subject->id = id;
    subject->liver_fat_pct = NAN; /* drawn for people only, and only where the spec asks */
    if (spec->mouse) {
        subject->weight_g = truncated(&r, &spec->weight_g);
        subject->age_weeks = truncated(&r, &spec->age_weeks);
        draw_parameters(spec, &r, subject);
        subject->status = MH_OK;
        return;
    }
    subject->female = mh_random_uniform(&r) >= spec->male_share;
    subject->age_y = truncated(&r, &spec->age_y);
    subject->height_cm = truncated(&r, &spec->height_cm[subject->female]);
    double bmi = truncated(&r, &spec->bmi);
    double height_m = subject->height_cm / 100.0;
    subject->weight_kg = fmin(fmax(bmi * height_m * height_m, 30.0), 250.0);
    subject->physical_activity_level = truncated(&r, &spec->physical_activity_level);
    subject->pnpla3_risk_alleles = risk_alleles(&r, spec->pnpla3_risk_allele_frequency);
    subject->tm6sf2_risk_alleles = risk_alleles(&r, spec->tm6sf2_risk_allele_frequency);
    draw_parameters(spec, &r, subject);
    /* last, so a population without it draws exactly what it drew before */
    if (spec->draw_liver_fat)
        subject->liver_fat_pct = truncated(&r, &spec->liver_fat_pct);
    subject->status = MH_OK;
}

void mh_population_write_drawn_names(FILE *fp, const mh_population_spec *spec)
{
    fputs(spec->mouse ? ",weight_g,age_weeks"
                      : ",sex,age_y,height_cm,weight_kg,physical_activity_level,"
                        "pnpla3_risk_alleles,tm6sf2_risk_alleles",
          fp);
    if (spec->draw_liver_fat)
        fputs(",liver_fat_pct", fp);
}

void mh_population_write_drawn_units(FILE *fp, const mh_population_spec *spec)
{
    fputs(spec->mouse ? ",g (at the start),weeks (at the start)" : ",,years,cm,kg (at the start),1,1,1",
          fp);
    if (spec->draw_liver_fat)
        fputs(",% (at the start; held habitual)", fp);
}

void mh_population_write_drawn(FILE *fp, const mh_population_spec *spec,
                               const mh_population_subject *s)
{
    if (spec->mouse)
        fprintf(fp, ",%.10g,%.10g", s->weight_g, s->age_weeks);
    else
        fprintf(fp, ",%s,%.10g,%.10g,%.10g,%.10g,%d,%d", s->female ? "female" : "male", s->age_y,
                s->height_cm, s->weight_kg, s->physical_activity_level, s->pnpla3_risk_alleles,
                s->tm6sf2_risk_alleles);
    if (spec->draw_liver_fat && !isnan(s->liver_fat_pct))
        fprintf(fp, ",%.10g", s->liver_fat_pct);
    else if (spec->draw_liver_fat)
        fputc(',', fp);
}

/* What every subject's run reads: the endpoints only, sampled at the start and the end
 * (or, for time courses, every course_every_min). The same for the whole population,
 * so built once per run. */
typedef struct sampling_plan {
    char every[64];
    char vars[MH_POPULATION_MAX_ENDPOINTS * 64];
} sampling_plan;

static void plan_sampling(const mh_population_spec *spec, sampling_plan *plan)
{
    double every = spec->course_every_min > 0.0 ? spec->course_every_min : spec->duration_min;
    snprintf(plan->every, sizeof plan->every, "%.17g min", every);
    size_t used = 0;
    plan->vars[0] = '\0';
    for (int i = 0; i < spec->n_endpoints && used < sizeof plan->vars; i++)
        used += (size_t)snprintf(plan->vars + used, sizeof plan->vars - used, "%s%s", i ? "," : "",
                                 mh_var_at(spec->endpoints[i])->name);
}

/* The subject's scenario text: its `subject:` in front of the shared protocol. */
static char *subject_scenario_text(const mh_population_spec *spec, const mh_population_subject *s)
{
    static const char *const pnpla3[] = {"CC", "CG", "GG"};
    static const char *const tm6sf2[] = {"CC", "CT", "TT"};
    char subject[512], liver[96] = "";
    /* a drawn liver fat is the subject's habitual one, held as a scenario subject's is */
    if (!isnan(s->liver_fat_pct))
        snprintf(liver, sizeof liver, ", liver_fat_pct: %.17g, liver_fat_habitual: true",
                 s->liver_fat_pct);
    if (spec->mouse)
        snprintf(subject, sizeof subject,
                 "{subject: {weight_g: %.17g, age_weeks: %.17g}, ", s->weight_g, s->age_weeks);
    else
        snprintf(subject, sizeof subject,
                 "{subject: {sex: %s, age_y: %.17g, height_cm: %.17g, weight_kg: %.17g, "
                 "physical_activity_level: %.17g, genotype: {PNPLA3: %s, TM6SF2: %s}%s}, ",
                 s->female ? "female" : "male", s->age_y, s->height_cm, s->weight_kg,
                 s->physical_activity_level, pnpla3[s->pnpla3_risk_alleles],
                 tm6sf2[s->tm6sf2_risk_alleles], liver);
    const char *rest = spec->protocol_flow + 1; /* after the protocol's opening brace */
    size_t head = strlen(subject), tail = strlen(rest);
    char *text = malloc(head + tail + 1);
    if (text) {
        memcpy(text, subject, head);
        memcpy(text + head, rest, tail + 1);
    }
    return text;
}

size_t mh_population_course_times(const mh_population_spec *spec)
{
    if (spec->course_every_min <= 0.0)
        return 0;
    return mh_solver_sample_count(spec->duration_min, spec->course_every_min);
}

/* The factor by which the subject's run multiplies parameter `param` (1 if none). */
static double factor_of(const mh_param_factor *factors, int n_factors, int param)
{
    double f = 1.0;
    for (int k = 0; k < n_factors; k++)
        if (factors[k].param == param)
            f *= factors[k].factor;
    return f;
}

/* A parameter value for the subject's run: kept within the parameter's bounds,
 * as the variability draws are. */
static mh_status set_param(mh_scenario *scenario, int param, double value, mh_error *err)
{
    mh_param_info info;
    mh_species_param_info_at(scenario->species, param, &info);
    return mh_scenario_set_param(scenario, info.name, fmin(fmax(value, info.lower), info.upper),
                                 err);
}

/* The parameter's value in the shared protocol: its `parameters:` override, or the default. */
static double protocol_value(const mh_scenario *scenario, int param)
{
    for (int i = 0; i < scenario->n_overrides; i++)
        if (scenario->overrides[i].index == param)
            return scenario->overrides[i].value;
    mh_param_info species;
    mh_species_param_info_at(scenario->species, param, &species);
    return species.default_value;
}

/* Build the subject's scenario, run it, and read the endpoints at the start and
 * the end, and into course (n_times samples; NULL for none) over the run. Each
 * parameter in factors is the subject's drawn value (or else the protocol's, or
 * the default) times its factors. */
static mh_status simulate_subject(const mh_population_spec *spec, const sampling_plan *plan,
                                  const mh_param_factor *factors, int n_factors,
                                  mh_population_subject *s, double *course, size_t n_times,
                                  mh_error *err)
{
    char *text = subject_scenario_text(spec, s);
    if (!text)
        return mh_error_raise(err, MH_ERR_NOMEM, "out of memory");
    char name[64];
    snprintf(name, sizeof name, "subject %ld", s->id);
    mh_scenario *scenario = NULL;
    mh_result *result = NULL;
    mh_status st = mh_scenario_parse(text, strlen(text), name, &scenario, err);
    free(text);
    for (int i = 0; i < spec->n_varied && st == MH_OK; i++)
        st = set_param(scenario, spec->varied[i],
                       s->varied[i] * factor_of(factors, n_factors, spec->varied[i]), err);
    for (int k = 0; k < n_factors && st == MH_OK; k++) {
        bool varied = false, earlier = false;
        for (int i = 0; i < spec->n_varied; i++)
            varied = varied || spec->varied[i] == factors[k].param;
        for (int j = 0; j < k; j++)
            earlier = earlier || factors[j].param == factors[k].param;
        if (!varied && !earlier)
            st = set_param(scenario, factors[k].param,
                           protocol_value(scenario, factors[k].param) *
                               factor_of(factors, n_factors, factors[k].param),
                           err);
    }
    if (st == MH_OK)
        st = mh_scenario_set_every(scenario, plan->every, err);
    if (st == MH_OK)
        st = mh_scenario_set_vars(scenario, plan->vars, err);
    mh_run_options options = {.resolution = spec->resolution};
    if (st == MH_OK)
        st = mh_simulate(scenario, &options, &result, err);
    if (st == MH_OK) {
        size_t last = mh_result_rows(result) - 1;
        for (int i = 0; i < spec->n_endpoints; i++) {
            int column = mh_result_find_column(result, mh_var_at(spec->endpoints[i])->name);
            s->start[i] = mh_result_value(result, 0, column);
            s->endpoints[i] = mh_result_value(result, last, column);
            for (size_t k = 0; course && k < n_times; k++)
                course[k * (size_t)spec->n_endpoints + (size_t)i] =
                    k <= last ? mh_result_value(result, k, column) : NAN;
        }
    }
    mh_result_free(result);
    mh_scenario_free(scenario);
    return st;
}

mh_status mh_population_simulate(const mh_population_spec *spec, mh_population_subject *s,
                                 const mh_param_factor *factors, int n_factors, mh_error *err)
{
    sampling_plan plan;
    plan_sampling(spec, &plan);
    return simulate_subject(spec, &plan, factors, n_factors, s, NULL, 0, err);
}

void mh_population_parallel(long count, int threads, mh_population_work work, void *user,
                            mh_progress_fn progress, void *progress_user)
{
    long done = 0;
#ifdef _OPENMP
    /* a clause, not omp_set_num_threads: the caller's own OpenMP setting stays as it was */
    int team = threads > 0 ? threads : omp_get_max_threads();
#else
    (void)threads;
#endif
#pragma omp parallel for schedule(dynamic, 1) num_threads(team)
    for (long i = 0; i < count; i++) {
        work(i, user);
        long now;
#pragma omp atomic capture
        now = ++done;
        if (progress) {
#ifdef _OPENMP
            if (omp_get_thread_num() == 0)
#endif
                progress((double)now / (double)count, progress_user);
        }
    }
}

/* One run of mh_population_run_courses: what each subject's work needs. */
typedef struct population_job {
    const mh_population_spec *spec;
    const sampling_plan *plan;
    long first;
    mh_population_subject *subjects;
    double *courses; /* NULL: no time courses */
    size_t n_times;
} population_job;

static void run_one(long i, void *user)
{
    const population_job *job = user;
    mh_population_subject *s = &job->subjects[i];
    size_t per_subject = job->n_times * (size_t)job->spec->n_endpoints;
    double *course = job->courses ? job->courses + (size_t)i * per_subject : NULL;
    mh_population_draw(job->spec, job->first + i, s);
    mh_error subject_err = {0};
    s->status = simulate_subject(job->spec, job->plan, NULL, 0, s, course, job->n_times,
                                 &subject_err);
    if (s->status != MH_OK) {
        snprintf(s->reason, sizeof s->reason, "%s", subject_err.message);
        for (int e = 0; e < job->spec->n_endpoints; e++)
            s->start[e] = s->endpoints[e] = NAN;
        for (size_t k = 0; course && k < per_subject; k++)
            course[k] = NAN;
    }
}

mh_status mh_population_run(const mh_population_spec *spec, long first, long count, int threads,
                            mh_population_subject *subjects, mh_progress_fn progress,
                            void *progress_user, mh_error *err)
{
    return mh_population_run_courses(spec, first, count, threads, subjects, NULL, progress,
                                     progress_user, err);
}

mh_status mh_population_run_courses(const mh_population_spec *spec, long first, long count,
                                    int threads, mh_population_subject *subjects, double *courses,
                                    mh_progress_fn progress, void *progress_user, mh_error *err)
{
    (void)err; /* nothing here fails as a whole yet; each subject carries its own status */
    sampling_plan plan;
    plan_sampling(spec, &plan);
    size_t n_times = courses ? mh_population_course_times(spec) : 0;
    population_job job = {spec, &plan, first, subjects, n_times ? courses : NULL, n_times};
    mh_population_parallel(count, threads, run_one, &job, progress, progress_user);
    return MH_OK;
}

mh_status mh_population_plot(const char *path, const char *title, const mh_population_spec *spec,
                             const mh_population_subject *subjects, const int *endpoints,
                             int n_endpoints, mh_error *err)
{
    static const char *const sexes[] = {"men", "women"};
    long count = spec->size;
    if (n_endpoints < 1 || n_endpoints > MH_POPULATION_MAX_ENDPOINTS)
        return mh_error_raise(err, MH_ERR_INVALID, "%s: %d endpoints to plot; 1 to %d", path,
                              n_endpoints, MH_POPULATION_MAX_ENDPOINTS);
    double *values = malloc(sizeof(double) * (size_t)count * (size_t)n_endpoints);
    int *group = malloc(sizeof(int) * (size_t)count);
    mh_plot_distribution panels[MH_POPULATION_MAX_ENDPOINTS];
    if (!values || !group) {
        free(values);
        free(group);
        return mh_error_raise(err, MH_ERR_NOMEM, "%s: out of memory for the plot", path);
    }
    for (long i = 0; i < count; i++)
        group[i] = subjects[i].female;
    for (int k = 0; k < n_endpoints; k++) {
        int e = endpoints[k];
        double *column = values + (size_t)k * (size_t)count;
        for (long i = 0; i < count; i++)
            column[i] = subjects[i].status == MH_OK ? subjects[i].endpoints[e] : NAN;
        const mh_var_info *var = mh_var_at(spec->endpoints[e]);
        panels[k] = (mh_plot_distribution){.name = var->name,
                                           .unit = var->unit,
                                           .values = column,
                                           .n = (size_t)count,
                                           .group = group,
                                           .group_labels = sexes,
                                           .n_groups = 2};
    }
    mh_status st = mh_plot_distributions(path, title, panels, n_endpoints, err);
    free(values);
    free(group);
    return st;
}
