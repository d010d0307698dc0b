# Reference numbers of tests/unit/test_insilico_mr.c (gwas_matches_r_lm): the
# per-allele beta and SE of lm(), which mh_gwas_test must reproduce.
#   Rscript tests/mr/gwas_reference.R   (R 4.2.2, Debian 12)
y   <- c(31.25, 28.731, 35.902, 30.118, 26.447, 33.81, 29.904, 32.563, 27.382, 34.476, 30.967, 29.115)
g   <- c(0, 1, 2, 1, 0, 2, 1, 1, 0, 2, 1, 0)
age <- c(41.3, 55.8, 38.2, 62.7, 47.1, 50.4, 35.9, 58.6, 44.4, 39.7, 66.1, 52.3)
sex <- c(0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0)
f <- summary(lm(y ~ g + age + sex))$coefficients
cat(sprintf("%.17g", f["g", 1:3]), "\n")
f0 <- summary(lm(y ~ g))$coefficients
cat(sprintf("%.17g", f0["g", 1:3]), "\n")
