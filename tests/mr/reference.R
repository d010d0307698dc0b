# reference.R - reference numbers for myohep's Mendelian randomization module
# (tests/unit/test_mr.c), from the R package MendelianRandomization 0.10.0 on
# its own example data (Waterworth et al. 2010 lipid and CHD associations:
# ldlc, ldlcse, chdlodds, chdloddsse, lipid_effect, lipid_other, lipid_eaf),
# and from TwoSampleMR's allele harmonising (harmonise_22, action = 2).
#
# Usage (see tests/mr/README.md for how the packages were built):
#   R_LIBS=/tmp/rlib Rscript tests/mr/reference.R TWOSAMPLEMR_HARMONISE_R [OUT_DIR]
# TWOSAMPLEMR_HARMONISE_R is R/harmonise.R of a TwoSampleMR source tree (only
# its functions harmonise_22, check_palindromic and flip_alleles are used, as
# TwoSampleMR itself is not on CRAN). With OUT_DIR the two data files of
# data/mr/ are written there (they must equal the committed ones).
# Every number is printed as "name value ..." with 17 significant digits.

suppressMessages(library(MendelianRandomization))
args <- commandArgs(trailingOnly = TRUE)
source(args[1])
out_dir <- if (length(args) >= 2) args[2] else NULL

g <- function(x) formatC(x, digits = 17, format = "g")
say <- function(name, ...) cat(name, g(c(...)), "\n")

# ---- the data files ------------------------------------------------------------
short <- data.frame(snp = paste0("snp_", 1:28), bx = ldlc, bxse = ldlcse, by = chdlodds,
                    byse = chdloddsse)
# TwoSampleMR form: the outcome written on other alleles and strands, so that
# harmonising has work to do; one extra variant whose alleles cannot match.
comp <- function(a) chartr("ACGT", "TGCA", a)
ea <- lipid_effect; oa <- lipid_other; by <- chdlodds; eaf <- lipid_eaf
swap <- c(2, 5, 9, 14)   # outcome on the other allele (14 is palindromic G/C)
ea[swap] <- lipid_other[swap]; oa[swap] <- lipid_effect[swap]
by[swap] <- -by[swap]; eaf[swap] <- 1 - eaf[swap]
flip <- c(3, 7, 19)      # other strand, same allele (19 is palindromic T/A)
ea[flip] <- comp(lipid_effect[flip]); oa[flip] <- comp(lipid_other[flip])
ea[11] <- comp(lipid_other[11]); oa[11] <- comp(lipid_effect[11])  # both at once
by[11] <- -by[11]; eaf[11] <- 1 - eaf[11]
ea[1] <- tolower(ea[1]); oa[1] <- tolower(oa[1])                  # case does not matter
eaf[4] <- NA                                                      # not needed: not palindromic
long <- data.frame(SNP = c(paste0("snp_", 1:28), "snp_bad"),
                   effect_allele.exposure = c(lipid_effect, "A"),
                   other_allele.exposure = c(lipid_other, "G"),
                   eaf.exposure = c(lipid_eaf, 0.3),
                   beta.exposure = c(ldlc, 0.02), se.exposure = c(ldlcse, 0.004),
                   samplesize.exposure = 100000,
                   effect_allele.outcome = c(ea, "A"), other_allele.outcome = c(oa, "C"),
                   eaf.outcome = c(eaf, 0.3),
                   beta.outcome = c(by, 0.05), se.outcome = c(chdloddsse, 0.03),
                   samplesize.outcome = 80000)
if (!is.null(out_dir)) {
    write.csv(short, file.path(out_dir, "ldlc_chd.csv"), row.names = FALSE, quote = FALSE)
    # R's defaults: quoted strings and a first column of row names named ""
    write.csv(long, file.path(out_dir, "ldlc_chd_twosamplemr.csv"))
}

# ---- harmonising: which variants TwoSampleMR keeps, and their outcome betas --------
U <- function(x) toupper(x)  # harmonise_data upper-cases alleles before harmonise_22
h <- harmonise_22(long$SNP, U(long$effect_allele.exposure), U(long$other_allele.exposure),
                  U(long$effect_allele.outcome), U(long$other_allele.outcome),
                  long$beta.exposure, long$beta.outcome, long$eaf.exposure, long$eaf.outcome,
                  0.08, 2)
keep <- !(h$remove | h$ambiguous)
cat("harmonised_dropped", as.character(h$SNP[!keep]), "\n")
say("harmonised_beta_outcome", h$beta.outcome[keep])

# ---- the estimators ----------------------------------------------------------------
report <- function(prefix, o) {
    r <- mr_ivw(o, model = "fixed")
    say(paste0(prefix, "ivw_fixed"), r$Estimate, r$StdError, r$CILower, r$CIUpper, r$Pvalue)
    say(paste0(prefix, "cochran_q"), r$Heter.Stat[1], r$Heter.Stat[2], r$Fstat)
    r <- mr_ivw(o, model = "random")
    say(paste0(prefix, "ivw_random"), r$Estimate, r$StdError, r$CILower, r$CIUpper, r$Pvalue)
    r <- mr_egger(o)
    say(paste0(prefix, "egger"), r$Estimate, r$StdError.Est, r$CILower.Est, r$CIUpper.Est,
        r$Pvalue.Est)
    say(paste0(prefix, "egger_intercept"), r$Intercept, r$StdError.Int, r$CILower.Int,
        r$CIUpper.Int, r$Pvalue.Int)
    say(paste0(prefix, "rucker_q"), r$Heter.Stat[1], r$Heter.Stat[2], r$I.sq)
    r <- mr_median(o, weighting = "simple")
    say(paste0(prefix, "median_simple"), r$Estimate, r$StdError)
    r <- mr_median(o, weighting = "weighted")
    say(paste0(prefix, "median_weighted"), r$Estimate, r$StdError)
    r <- mr_mbe(o, weighting = "weighted", stderror = "delta")
    say(paste0(prefix, "mode_weighted"), r$Estimate, r$StdError)
}
o <- mr_input(bx = ldlc, bxse = ldlcse, by = chdlodds, byse = chdloddsse)
report("", o)
# leave-one-out as mr_loo computes it: mr_ivw with its default model on the rest
loo <- sapply(1:28, function(j) mr_ivw(mr_input(ldlc[-j], ldlcse[-j], chdlodds[-j],
                                                 chdloddsse[-j]))$Estimate)
say("loo_estimate", loo)
loo <- sapply(1:28, function(j) mr_ivw(mr_input(ldlc[-j], ldlcse[-j], chdlodds[-j],
                                                 chdloddsse[-j]))$StdError)
say("loo_se", loo)
# the harmonised TwoSampleMR file: the variants TwoSampleMR keeps
k <- which(keep)
report("harmonised_", mr_input(bx = long$beta.exposure[k], bxse = long$se.exposure[k],
                               by = h$beta.outcome[k], byse = long$se.outcome[k]))
# the first three variants: the fewest MR-Egger and the medians accept
report("three_", mr_input(bx = ldlc[1:3], bxse = ldlcse[1:3], by = chdlodds[1:3],
                          byse = chdloddsse[1:3]))
# Steiger directionality as TwoSampleMR computes it (mr_steiger with r from
# get_r_from_bsen, psych::r.test for two independent correlations), written
# out here from those formulas for the harmonised file's sample sizes
rsq <- function(b, se, n) { f <- (b / se)^2; f / (f + n - 2) }
r2x <- sum(rsq(long$beta.exposure[k], long$se.exposure[k], 100000))
r2y <- sum(rsq(h$beta.outcome[k], long$se.outcome[k], 80000))
z <- (atanh(sqrt(r2x)) - atanh(sqrt(r2y))) / sqrt(1 / (100000 - 3) + 1 / (80000 - 3))
say("harmonised_steiger", r2x, r2y, z, 2 * pnorm(-abs(z)))
