#include "cli/cli.h"
int mh_cmd_plot(int argc, char **argv) { (void)argc; (void)argv; return 1; }
