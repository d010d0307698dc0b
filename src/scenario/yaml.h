/*
 * yaml.h - reading YAML documents with located, helpful errors (scenario layer).
 *
 * The one place libfyaml is wrapped. Every error reads
 *   file:line:col: message
 * with what was expected and what was found; unknown keys get a "did you mean".
 */
#ifndef MH_SCENARIO_YAML_H
#define MH_SCENARIO_YAML_H

#include <libfyaml.h>
#include <stdbool.h>
#include <stdint.h>

#include "myohep/myohep.h"

typedef struct mh_yaml {
    const char *file;
    struct fy_document *doc;
    mh_error *err;
    /* The first "not supported yet" feature met; reported only when the rest is valid. */
    mh_status unsupported;
    char unsupported_message[MH_ERROR_MESSAGE_SIZE];
} mh_yaml;

/* Parse text (checked to be UTF-8 text first). Empty documents are an error. */
mh_status mh_yaml_open(mh_yaml *y, const char *file, const char *text, size_t length,
                       mh_error *err);
void mh_yaml_close(mh_yaml *y);
struct fy_node *mh_yaml_root(mh_yaml *y);

/* Raise "file:line:col: message" located at node. */
mh_status mh_yaml_fail(mh_yaml *y, struct fy_node *node, mh_status status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Remember the first unsupported feature (located at node); returns MH_OK. */
mh_status mh_yaml_unsupported(mh_yaml *y, struct fy_node *node, const char *what);

/* Collect a mapping's values by key. Unknown keys are errors with a suggestion;
 * `values[i]` is the value of `keys[i]` or NULL. `context` names the mapping. */
mh_status mh_yaml_map(mh_yaml *y, struct fy_node *node, const char *context,
                      const char *const *keys, int n_keys, struct fy_node **values,
                      struct fy_node **key_nodes);
/* The key node that holds `value` (for errors about a whole mapping). */
mh_status mh_yaml_expect_mapping(mh_yaml *y, struct fy_node *node, const char *what);
mh_status mh_yaml_expect_sequence(mh_yaml *y, struct fy_node *node, const char *what);

mh_status mh_yaml_number(mh_yaml *y, struct fy_node *node, const char *key, double lower,
                         double upper, const char *unit, double *out);
mh_status mh_yaml_uint(mh_yaml *y, struct fy_node *node, const char *key, uint64_t *out);
/* A scalar's text (any quoting), NUL-terminated, owned by the document. */
mh_status mh_yaml_string(mh_yaml *y, struct fy_node *node, const char *key, const char **out);
mh_status mh_yaml_choice(mh_yaml *y, struct fy_node *node, const char *key,
                         const char *const *options, int n_options, int *out);
mh_status mh_yaml_duration(mh_yaml *y, struct fy_node *node, const char *key, double *minutes);
mh_status mh_yaml_clock(mh_yaml *y, struct fy_node *node, const char *key, double *minute_of_day);
mh_status mh_yaml_moment(mh_yaml *y, struct fy_node *node, const char *key, double *minutes);

/* A scenario from a mapping node (a whole file, or a target file's `scenario:`). */
typedef struct mh_scenario mh_scenario;
mh_status mh_scenario_read_node(mh_yaml *y, struct fy_node *node, mh_scenario **out);
/* A `parameters:` mapping of overrides (name: value), checked against the registry;
 * a parameter given again replaces the earlier value. */
mh_status mh_scenario_read_parameters(mh_yaml *y, struct fy_node *node, mh_scenario *s);

/* The file that `key: NAME` names, relative to the folder of the file being
 * read, into path; a located error when it cannot be opened. */
mh_status mh_yaml_path_beside(mh_yaml *y, struct fy_node *node, const char *key, char *path,
                              size_t size);

/* A parameter's name ('myohep params'): its index, or a located error with a
 * "did you mean". */
mh_status mh_yaml_param(mh_yaml *y, struct fy_node *node, int *index);

/* Key lookup in a mapping already checked with mh_yaml_map. */
struct fy_node *mh_yaml_get(struct fy_node *map, const char *key);

#endif
