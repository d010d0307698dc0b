#!/usr/bin/env Rscript
# Timing of the R package bw's adult model (adult_weight, Rcpp core: a fixed-step
# RK4 over all individuals at once) on a cohort whose covariates come from
# myohep's per-subject population CSV (bench/vs_bw.sh writes it from
# bench/cohort-10y.yaml), so both programs simulate the same people.
# Usage: R_LIBS=/tmp/rlib Rscript bench_bw.R SUBJECTS.csv [YEARS=10] [REPEAT=7]
# Weight-stable: no intake or sodium change (the package estimates each
# person's weight-stable intake from PAL x Mifflin RMR); dt = 1 day.
# Prints one line per repetition, a summary line, and the mean difference of
# the final weights from myohep's (both should stay near the start weight).

suppressPackageStartupMessages(library(bw))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) stop("usage: bench_bw.R SUBJECTS.csv [YEARS] [REPEAT]")
years  <- if (length(args) >= 2) as.numeric(args[2]) else 10
repeat_n <- if (length(args) >= 3) as.integer(args[3]) else 7

d <- read.csv(args[1], comment.char = "#", stringsAsFactors = FALSE)
d <- d[!is.na(suppressWarnings(as.numeric(d$age_y))), ]   # drop the '# units' row if read
n <- nrow(d)
days <- round(365 * years)            # 3650 one-day RK4 steps for ten years
# adult_weight runs min(ceiling(days/dt), ncol(EIchange) - 1) steps, so for
# `days` steps the change matrices need days + 1 columns (README.md here).
cols <- days + 1
zero <- matrix(0, nrow = n, ncol = cols)

run <- function() adult_weight(bw = as.numeric(d$weight_kg), ht = as.numeric(d$height_cm) / 100,
                               age = as.numeric(d$age_y), sex = d$sex,
                               EIchange = zero, NAchange = zero,
                               PAL = as.numeric(d$physical_activity_level), days = cols, dt = 1)
times <- numeric(repeat_n)
for (r in seq_len(repeat_n)) {
  t0 <- proc.time()[["elapsed"]]
  res <- run()
  times[r] <- proc.time()[["elapsed"]] - t0
  cat(sprintf("run %d: %.1f ms for %d people x %d days (%d RK4 steps)\n",
              r, 1000 * times[r], n, days, ncol(res$Body_Weight) - 1))
}
py <- n * days / 365
cat(sprintf("bw adult_weight: median %.1f ms (min %.1f, max %.1f) for %.0f person-years = %.4f ms per person-year (%d runs)\n",
            1000 * median(times), 1000 * min(times), 1000 * max(times), py,
            1000 * median(times) / py, repeat_n))
if ("weight_kg_end" %in% names(d)) {
  last <- res$Body_Weight[, ncol(res$Body_Weight)]
  dw <- last - as.numeric(d$weight_kg_end)
  cat(sprintf("final weight, bw minus myohep: mean %+.2f kg, range %+.2f to %+.2f kg (bw's own drift from the start: mean %+.2f kg)\n",
              mean(dw), min(dw), max(dw), mean(last - as.numeric(d$weight_kg))))
}
cat("bw", as.character(packageVersion("bw")), "|", R.version.string, "\n")
