/*
 * myohep.h - the public API of libmyohep, the liver-muscle metabolic simulator.
 *
 * One umbrella header. Every type is opaque except the error record, which a
 * caller owns on its stack. Every fallible call returns an mh_status and, when
 * given a non-NULL mh_error, fills it with a one-line message with context.
 * The library never exits or aborts (except on out-of-memory inside CVODE).
 *
 * Units: time is in minutes from `day 0 00:00` of the run; every number that
 * enters or leaves carries its unit in its name or in the catalogue below.
 *
 * myohep is a research and education tool. It is not medical advice.
 */
#ifndef MYOHEP_H
#define MYOHEP_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MYOHEP_VERSION "0.1.0"

/* ---- status and errors -------------------------------------------------- */

typedef enum mh_status {
    MH_OK = 0,
    MH_ERR_NOMEM,       /* allocation failed */
    MH_ERR_IO,          /* a file could not be read or written */
    MH_ERR_PARSE,       /* malformed input text (YAML, CSV, durations) */
    MH_ERR_INVALID,     /* well-formed input with a value out of range or inconsistent */
    MH_ERR_UNSUPPORTED, /* a feature the model does not have yet */
    MH_ERR_NOT_FOUND,   /* an unknown name (parameter, variable, target) */
    MH_ERR_SOLVER,      /* the ODE solver failed; the message says when and where */
    MH_ERR_VALIDATION,  /* a validation target was missed */
    MH_STATUS_COUNT
} mh_status;

enum { MH_ERROR_MESSAGE_SIZE = 1024 };

typedef struct mh_error {
    mh_status status;
    char message[MH_ERROR_MESSAGE_SIZE];
} mh_error;

/* Short fixed name of a status ("parse error", "solver failure", ...). */
const char *mh_status_name(mh_status status);
const char *mh_version(void);

/* ---- catalogue of outputs and parameters --------------------------------- */

typedef struct mh_var_info {
    const char *name;        /* e.g. "glucose_mmol_l" */
    const char *unit;        /* e.g. "mmol/L" */
    const char *description; /* one line */
} mh_var_info;

typedef struct mh_param_info {
    const char *name;        /* "module.symbol", e.g. "liver.kp1" */
    const char *unit;
    double default_value;
    double lower;            /* plausible bounds; values outside are rejected */
    double upper;
    double population_cv;    /* between-subject coefficient of variation, 0..1 */
    const char *source;      /* literature source or "calibrated: to what" */
    const char *description;
} mh_param_info;

int mh_var_count(void);
const mh_var_info *mh_var_at(int index);
int mh_var_find(const char *name); /* -1 when unknown */

int mh_param_count(void);
const mh_param_info *mh_param_at(int index);
int mh_param_find(const char *name); /* -1 when unknown */

/* ---- scenarios ------------------------------------------------------------ */

typedef struct mh_scenario mh_scenario;

/* Read and validate a scenario (YAML 1.2 or JSON). Errors read
 * "file:line:col: message". */
mh_status mh_scenario_load(const char *path, mh_scenario **out, mh_error *err);
/* Same from memory; `name` stands for the file name in messages. */
mh_status mh_scenario_parse(const char *text, size_t length, const char *name,
                            mh_scenario **out, mh_error *err);
void mh_scenario_free(mh_scenario *scenario);

/* Overrides applied after the file (the command line's --set, --every, --vars). */
mh_status mh_scenario_set_param(mh_scenario *scenario, const char *name, double value,
                                mh_error *err);
mh_status mh_scenario_set_every(mh_scenario *scenario, const char *duration, mh_error *err);
mh_status mh_scenario_set_vars(mh_scenario *scenario, const char *comma_list, mh_error *err);

const char *mh_scenario_name(const mh_scenario *scenario);
double mh_scenario_duration_min(const mh_scenario *scenario);

/* ---- simulation ------------------------------------------------------------ */

typedef struct mh_result mh_result;

/* Called now and then during a run with the fraction done (0..1). */
typedef void (*mh_progress_fn)(double fraction_done, void *user);

typedef struct mh_solver_stats {
    long steps;          /* CVODE internal steps */
    long rhs_evals;      /* right-hand side evaluations (including Jacobian columns) */
    long jac_evals;      /* Jacobian evaluations */
    long error_test_fails;
    long nonlinear_conv_fails;
    long reinits;        /* stop-and-reinit at discontinuities */
} mh_solver_stats;

/* Minute-resolved (the reference): every meal and bout is an event. Day-resolved:
 * meals become a steady feed of the day's nutrients and bouts a weekly mix of
 * efforts, so the solver steps across days; its error against the minute mode is
 * measured in the validation report (docs/MODEL.md section 8). */
typedef enum mh_resolution { MH_RESOLUTION_MINUTE = 0, MH_RESOLUTION_DAY } mh_resolution;

typedef struct mh_run_options {
    mh_progress_fn progress;
    void *progress_user;
    mh_resolution resolution;
} mh_run_options;

mh_status mh_simulate(const mh_scenario *scenario, const mh_run_options *options,
                      mh_result **out, mh_error *err);

size_t mh_result_rows(const mh_result *result);
int mh_result_columns(const mh_result *result);          /* excluding time */
const char *mh_result_column_name(const mh_result *result, int column);
const char *mh_result_column_unit(const mh_result *result, int column);
double mh_result_time_min(const mh_result *result, size_t row);
double mh_result_value(const mh_result *result, size_t row, int column);
int mh_result_find_column(const mh_result *result, const char *name); /* -1 if absent */
const mh_solver_stats *mh_result_stats(const mh_result *result);
void mh_result_free(mh_result *result);

/* Write the result as CSV (header, then a "# units" line) or JSON, atomically:
 * to a temporary file renamed into place, so a failure leaves no partial file.
 * path "-" writes to standard output in one piece. */
typedef enum mh_format { MH_FORMAT_CSV, MH_FORMAT_JSON } mh_format;
mh_status mh_result_write(const mh_result *result, const char *path, mh_format format,
                          mh_error *err);

/* ---- clinical formulas (TARGETS.md section B) ------------------------------- */

/* HOMA-IR = FPG (mmol/L) x FPI (uU/mL) / 22.5, insulin converted at 6.0 pmol/L per uU/mL. */
double mh_homa_ir(double glucose_mmol_l, double insulin_pmol_l);
/* HOMA-%B = 20 x FPI (uU/mL) / (FPG (mmol/L) - 3.5). */
double mh_homa_beta_pct(double glucose_mmol_l, double insulin_pmol_l);

#ifdef __cplusplus
}
#endif

#endif /* MYOHEP_H */
