#!/usr/bin/env Rscript
# Reference trajectories from Kevin Hall's adult body-weight model as
# implemented in the R package `bw` (INSP-RH/bw 1.0.0), function adult_weight().
# Usage: R_LIBS=/tmp/rlib Rscript run_bw.R [outdir]
# Writes reference.csv, reference_full.csv, baseline.csv into outdir
# (default: the directory containing this script).

suppressPackageStartupMessages(library(bw))

args   <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[1] else {
  f <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else "."
}

scen <- data.frame(
  scenario  = c("a", "b", "c", "d"),
  sex       = c("male", "female", "male", "male"),
  age_y     = c(40, 50, 30, 58),
  height_cm = c(180, 165, 175, 176),
  weight_kg = c(90, 75, 70, 96),
  intake_change_kcal_day = c(-500, -1000, 500, -250),
  stringsAsFactors = FALSE)

PAL     <- 1.5          # package default (rep(1.5, n))
horizon <- 730          # days
keep    <- c(0, 30, 90, 180, 365, 730)

# adult_weight's RK4 loop runs min(ceiling(days/dt), ncol(EIchange) - 1) steps,
# so to obtain day 730 the change vector needs 731 entries and days = 731.
ncols <- horizon + 1

ref <- list(); full <- list(); base <- list()
for (k in seq_len(nrow(scen))) {
  s  <- scen[k, ]
  ht <- s$height_cm / 100
  res <- adult_weight(bw = s$weight_kg, ht = ht, age = s$age_y, sex = s$sex,
                      EIchange = rep(s$intake_change_kcal_day, ncols),
                      NAchange = rep(0, ncols),
                      PAL = PAL, days = ncols, dt = 1)
  t   <- res$Time
  idx <- match(keep, t)
  stopifnot(!anyNA(idx))
  BW <- res$Body_Weight[1, ]; Fm <- res$Fat_Mass[1, ]; L <- res$Lean_Mass[1, ]
  ECF <- res$Extracellular_Fluid[1, ]; G <- res$Glycogen[1, ]
  AT <- res$Adaptive_Thermogenesis[1, ]; EI <- res$Energy_Intake[1, ]

  ref[[k]] <- data.frame(s[rep(1, length(idx)), ], day = t[idx],
                         weight_kg_out = BW[idx], fat_kg = Fm[idx],
                         lean_kg = BW[idx] - Fm[idx], row.names = NULL)
  full[[k]] <- data.frame(scenario = s$scenario, day = t[idx],
                          body_weight = BW[idx], fat_mass = Fm[idx],
                          ffm = BW[idx] - Fm[idx], lean_tissue_L = L[idx],
                          ecf = ECF[idx], glycogen = G[idx],
                          adaptive_thermogenesis = AT[idx],
                          energy_intake = EI[idx], row.names = NULL)

  # Baseline quantities, recomputed with the package's own formulas
  # (src/adult_weight.cpp getRMR/getDelta/getK); EI0 is taken from the output.
  sx    <- as.numeric(s$sex == "female")
  rmr   <- (9.99 * s$weight_kg + 625.0 * ht - 4.92 * s$age_y + 5.0) * (1 - sx) +
           (9.99 * s$weight_kg + 625.0 * ht - 4.92 * s$age_y - 161.0) * sx
  delta <- ((1 - 0.1) * PAL - 1) * rmr / s$weight_kg
  K     <- rmr * PAL - 21.98853 * L[1] - 3.107075 * Fm[1] - delta * s$weight_kg
  base[[k]] <- data.frame(scenario = s$scenario, PAL = PAL,
                          rmr_kcal_day = rmr, baseline_ei_kcal_day = EI[1],
                          baseline_ee_kcal_day = rmr * PAL,
                          fat0_kg = Fm[1], bodyfat0_pct = 100 * Fm[1] / s$weight_kg,
                          lean_tissue0_kg = L[1], ffm0_kg = s$weight_kg - Fm[1],
                          ecf0_kg = ECF[1], glycogen0_kg = G[1],
                          delta_kcal_kg_day = delta, K_kcal_day = K)
}

ref <- do.call(rbind, ref); full <- do.call(rbind, full); base <- do.call(rbind, base)
write.csv(ref,  file.path(outdir, "reference.csv"),      row.names = FALSE)
write.csv(full, file.path(outdir, "reference_full.csv"), row.names = FALSE)
write.csv(base, file.path(outdir, "baseline.csv"),       row.names = FALSE)
options(width = 200, digits = 7)
print(base); print(ref[, c("scenario", "day", "weight_kg_out", "fat_kg", "lean_kg")])
cat("bw", as.character(packageVersion("bw")), "|", R.version.string, "\n")
