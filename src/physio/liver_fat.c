/*
 * liver_fat.c - hepatic fatty acid handling and intrahepatic triglyceride
 * (IHTG), with the liver's trainable oxidative capacity (physio layer).
 *
 * Fatty acids enter the hepatocyte from plasma FFA, chylomicron remnants and de
 * novo lipogenesis, and from lipolysis of the stored triglyceride; a share is
 * oxidised and the rest esterified. Part of the newly esterified fatty acid is
 * packaged into VLDL at once; the rest joins the store, which also feeds VLDL
 * (umol fatty acid per kg per min unless stated):
 *   U   = k_ffa C_ffa (1 + c_ccl2 max(0, CCL2 - 1))        (CCL2 raises lipid uptake)
 *   R   = 3 k_rem Chylo                                     (remnants of chylomicrons)
 *   D   = sat(f_fd fructose / 3 / 0.2564 + V_dnl (I / Iref)^n_dnl (G / Gref) fill
 *             x (1 + a_dnl_lf sat((liver fat - 2 %) / 10; lf_dnl_plateau)) / AMPK;  V_dnl_cap)
 *         (sat(v; c) levels v off near c with a knee of sharpness 4, module.h)
 *   Lp  = k_lip (1 - p_pnpla3 n_PNPLA3) TG                  (lipolysis of the store)
 *   phi = min(ox_max, tau f_ox (Gcg/Gcgb)^c_gcg (Iref/I)^b_ox z Omega)
 *         (z: ethanol's NADH restraint, published by liver.c; tau the subject's
 *         oxidation trait: 1, or fitted so that a declared liver fat is the
 *         subject's steady state, scenario/simulate.c)
 *   ox  = phi (U + R + D + Lp)
 * VLDL-TG (umol TG/kg/min): a direct route, a share f_vd of the newly esterified
 * incoming fatty acid (most VLDL-TG fatty acid comes straight from plasma FFA:
 * Lewis 2002; Barrows and Parks 2006), plus a store-derived Hill term, secreted up
 * to a capacity (the apoB/MTP limit) reached with a knee of sharpness n_cap:
 *   demand  = f_vd (1 - phi) (U + R + D) / 3 + V_vldl/78 s^n / (s^n + K_vldl^n)
 *   VLDL-TG = demand / (1 + (demand / cap)^n_cap)^(1/n_cap) (1 - p_tm6sf2 n_TM6SF2)
 *   dTG/dt  = ((U + R + D + Lp - ox) / 3 - VLDL - Lp / 3)  [umol TG/kg/min, to grams]
 * (s = liver fat %, cap = V_vldl_cap/78 per kg.) Obese adults secrete 11.4 and 24.3
 * umol/min at liver fat about 3 and 23 %, the rise from non-systemic fatty acids,
 * with a plateau above about 10 % (Fabbrini 2008 Gastroenterology 134:424).
 * AMPK = mito^a_ampk irisin^a_irisin (1 + h_ampk E): training, irisin and the
 * bout itself restrain lipogenesis and release fat oxidation (ACC, malonyl-CoA,
 * CPT1; Hardie 2012; Bostrom 2012). Omega is the oxidative drive: mito^a_ox x
 * AMPK^a_ampk_ox x adiponectin^a_adipo x FGF21^a_fgf21 x GH^a_gh x T^a_t
 * x (1 + a_ppar (liver fat - 2 %) / 10): lipid itself induces oxidation (PPARalpha).
 * Insulin drives DNL whatever the liver's insulin resistance (SREBP-1c: selective
 * hepatic insulin resistance, Brown and Goldstein 2008).
 * Liver fat % = TG / (liver lean mass + TG), the MRS/PDFF scale.
 * Hepatic oxidative capacity adapts to training and falls with inflammation:
 *   dm/dt = a_ml S_aer (m_max - m) T^a_t_train - (m - 1 / (1 + c_infl A / 5)) / tau_ml
 */
#include <math.h>

#include "core/units.h"
#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "liver_fat"

static const double TG_MG_PER_UMOL = 0.8854; /* tripalmitin-like triglyceride, 885.4 g/mol */

#define STATES(X)                                                                                \
    X(TG, "triglyceride", "g", 50.0, MH_SLOW, "intrahepatic triglyceride")                    \
    X(MITO, "mitochondria", "1", 1.0, MH_SLOW, "hepatic oxidative capacity relative to sedentary")

#define PARAMS(X)                                                                                \
    X(KFFA, "k_ffa", "L/kg/min", 0.0033, 0.0005, 0.03, 0.3,                                   \
      "calibrated: liver about 30 % of systemic FFA uptake after an overnight fast (splanchnic " \
      "bed 30-45 %, the liver about 80 % of it; Nielsen 2004 JCI 113:1582; Jensen group, "     \
      "Diabetes 2013 62:2386)",                                                                \
      "hepatic FFA uptake clearance")                                                         \
    X(CCCL2, "c_ccl2", "1", 0.3, 0.0, 2.0, 0.5,                                                \
      "assumed (seed text): muscle CCL2 raises hepatic lipid uptake",                         \
      "rise of hepatic FFA uptake per unit CCL2 excess")                                      \
    X(KREM, "k_rem", "1/min", 0.008, 0.0, 0.05, 0.4,                                          \
      "calibrated: chylomicron remnants bring 15 % of the fatty acids entering a fatty liver " \
      "(Donnelly 2005 JCI 115:1343; 12 % in the model; 0.004 gave 7 %)",                       \
      "hepatic uptake of chylomicron remnants")                                               \
    X(FFD, "f_fd", "1", 0.05, 0.0, 0.3, 0.4, "fructose to lipid below 1-5 % (Sun and Empie 2012)", \
      "share of fructose carbon entering de novo lipogenesis")                                \
    X(VDNL, "V_dnl", "umol/kg/min", 0.014, 0.0, 2.0, 0.4,                                       \
      "calibrated: DNL about 11 % of liver fatty acids in lean adults (Smith 2020 JCI "       \
      "130:1453); 14 % in the model",                                                          \
      "glucose-driven de novo lipogenesis at fasting insulin and glucose, full glycogen")     \
    X(NDNL, "n_dnl", "1", 1.5, 0.0, 2.0, 0.4,                                                  \
      "calibrated: DNL share 11 / 19 / 38 % lean / obese / NAFLD with rising insulin (Smith " \
      "2020; 26 % in NAFLD, Donnelly 2005 JCI 115:1343); 14 / 16 / 34 % in the model",        \
      "response of lipogenesis to insulin (log-log)")                                         \
    X(DNLCAP, "V_dnl_cap", "g/day", 100.0, 5.0, 150.0, 0.4,                                      \
      "assumed: hepatic lipogenesis saturates (SREBP-1c, ACC and FAS content); hepatic DNL "   \
      "rarely exceeds a few tens of grams a day even on high-sugar diets (fractional DNL up "  \
      "to 30-40 % of VLDL palmitate, Hudgins 1996 JCI 97:2081; Smith 2020 JCI 130:1453)",     \
      "capacity of hepatic de novo lipogenesis (for a 78 kg adult; scales with weight)")      \
    X(ADNLLF, "a_dnl_lf", "1", 0.7, 0.0, 2.0, 0.5,                                             \
      "calibrated: the fatty liver makes more fat at the same insulin (lipogenic genes SREBP-1c, " \
      "ChREBP, ACC, FAS up in NAFLD, Kohjima 2007 Int J Mol Med 20:351; DNL about 3x in high " \
      "liver fat at similar adipose FFA flux, Lambert 2014 Gastroenterology 146:726); sets " \
      "the NAFLD share of Smith 2020 (38 %; 33 % in the model at 18 % liver fat, where "     \
      "Donnelly 2005 measured 26 %) with n_dnl and lf_dnl_plateau; 0.6 before the training "  \
      "restraints of lipogenesis were lowered (a_ampk, a_irisin)",                             \
      "rise of de novo lipogenesis per 10 points of liver fat above 2 %")                     \
    X(DNLPLATEAU, "lf_dnl_plateau", "%", 20.0, 5.0, 60.0, 0.3,                                  \
      "calibrated: the lipogenic rise of the fatty liver levels off (DNL about 3x at high "   \
      "liver fat, Lambert 2014, is reached together with the insulin rise); without a "        \
      "plateau a held 15 % liver fed on its own lipogenesis and reached 52 % in 2 years",      \
      "liver fat above which the fatty liver's extra lipogenesis no longer rises")            \
    X(AAMPK, "a_ampk", "1", 0.3, 0.0, 3.0, 0.5,                                                \
      "calibrated: trained liver makes less fat (AMPK; research notes); with 1.0 the held "    \
      "fatty liver's DNL fell by more than half in 8 weeks of training and liver fat 3.6 "     \
      "points, against 2.4 (Keating 2015 J Hepatol 63:174)",                                  \
      "restraint of lipogenesis by hepatic oxidative capacity (log-log)")                     \
    X(AIRISIN, "a_irisin", "1", 0.25, 0.0, 2.0, 0.5,                                           \
      "assumed (brief): irisin activates hepatic AMPK; halved from 0.5 with a_ampk (Keating "  \
      "2015)",                                                                                 \
      "restraint of lipogenesis by irisin")                                                   \
    X(HAMPK, "h_ampk", "1", 2.0, 0.0, 10.0, 0.5,                                               \
      "assumed: lipogenesis stops during exercise", "restraint of lipogenesis per unit effort") \
    X(FOX, "f_ox", "1", 0.82, 0.1, 0.99, 0.2,                                                  \
      "calibrated: hepatic fat oxidation takes what the liver does not export, so the "        \
      "reference adult holds liver fat near 2.7 % (healthy median 2-3 %, Szczepaniak 2005 "    \
      "AJP Endo 288:E462) and an obese man of 105 kg about 3.7 %",                            \
      "fraction of hepatic fatty acids oxidised at reference hormones, untrained")            \
    X(OXMAX, "ox_max", "1", 0.98, 0.8, 0.995, 0.05,                                             \
      "assumed: some fatty acid is esterified even in a long fast (VLDL export continues)",    \
      "ceiling of the oxidised share")                                                        \
    X(CGCG, "c_gcg", "1", 0.1, 0.0, 1.0, 0.4,                                                   \
      "calibrated, small: glucagon promotes hepatic fat oxidation and ketogenesis (McGarry "   \
      "and Foster 1980 Annu Rev Biochem 49:395); with 0.5 the obese liver, whose glucagon "    \
      "the model lowers with insulin, oxidised too little and exported 2.5x the lean",        \
      "rise of the oxidised share with glucagon (log-log)")                                   \
    X(BOX, "b_ox", "1", 0.0, 0.0, 1.0, 0.4,                                                     \
      "calibrated: 0, insulin's restraint of ketogenesis is carried by the lower FFA supply "  \
      "after meals and by DNL; a direct term (0.3 before) made the hyperinsulinaemic liver "   \
      "store and export far more than the lean (Fabbrini 2008 obese 11.4 umol/min VLDL-TG)",  \
      "fall of the oxidised share with insulin (log-log)")                                    \
    X(AOX, "a_ox", "1", 0.25, 0.0, 2.0, 0.4,                                                    \
      "calibrated: 8-12 weeks of aerobic training lower a held fatty liver 2.4 points with "  \
      "a 1.3 kg weight loss (Keating 2015 J Hepatol 63:174) and 2.2 without weight change "    \
      "(Sargeant 2018 Obes Rev 19:1446), and hepatic VLDL-TG secretion (Tsekouras 2008 AJP "   \
      "Endo); 0.5 before the held start was made exact",                                       \
      "rise of fat oxidation with hepatic oxidative capacity (log-log)")                      \
    X(AAMPKOX, "a_ampk_ox", "1", 0.25, 0.0, 2.0, 0.5,                                           \
      "assumed: AMPK phosphorylates ACC, lowering malonyl-CoA and releasing CPT1 (Hardie "     \
      "2012 Nat Rev Mol Cell Biol 13:251); set so that training at constant weight raises "    \
      "hepatic fat oxidation although FFA supply falls (seed claim C9); 0.4 before a_ampk "   \
      "fell to 0.3",                                                                           \
      "rise of fat oxidation with hepatic AMPK activity (log-log)")                           \
    X(AADIPO, "a_adipo", "1", 0.1, 0.0, 1.0, 0.5,                                              \
      "assumed: adiponectin raises hepatic fat oxidation (AMPK, PPARa); halved from 0.2 as "   \
      "the direct VLDL route made the oxidised share's modifiers act on export too",          \
      "rise of fat oxidation with adiponectin (log-log)")                                     \
    X(AFGF, "a_fgf21", "1", 0.1, 0.0, 1.0, 0.5, "assumed: FGF21 lowers liver lipid",          \
      "rise of fat oxidation with FGF21 (log-log)")                                           \
    X(APPAR, "a_ppar", "1", 0.1, 0.0, 3.0, 0.5,                                                \
      "assumed: the fatty liver oxidises more (PPARalpha; hepatic TCA flux about doubled in "  \
      "NAFLD, Sunny 2011 Cell Metab 14:804; mitochondrial respiration up in obese NAFL, "      \
      "Koliaki 2015 Cell Metab 21:739); 0.1, as store-derived VLDL carries most of the "       \
      "restoring force (with 0.5 liver fat relaxed within days; 0.2-0.3 lowered VLDL-TG at "   \
      "23 % liver fat below Fabbrini 2008)",                                                   \
      "rise of fat oxidation per 10 points of liver fat above 2 %")                           \
    X(AGH, "a_gh", "1", 0.3, 0.0, 1.0, 0.5,                                                    \
      "calibrated: tesamorelin lowers liver fat about a third in a year (Stanley 2019 Lancet " \
      "HIV 6:e821)",                                                                           \
      "rise of fat oxidation with the GH drive (log-log)")                                    \
    X(AT_T, "a_t", "1", 0.1, 0.0, 1.0, 0.5,                                                    \
      "assumed: testosterone lowers liver fat (brief; hypogonadal men have more)",            \
      "rise of fat oxidation with testosterone (log-log)")                                    \
    X(FVD, "f_vldl_direct", "1", 0.78, 0.0, 1.0, 0.3,                                            \
      "calibrated: most VLDL-TG fatty acid in a lean liver comes straight from plasma FFA "    \
      "and other incoming fatty acid, not the stored pool (65-95 % from plasma FFA after an "  \
      "overnight fast: Lewis 2002 Endocr Rev 23:201; Barrows and Parks 2006 ATVB 26:1136; "    \
      "similar labelling of liver and VLDL TG, Donnelly 2005 JCI 115:1343); with f_ox it "     \
      "sets VLDL-TG 11.4 umol/min in obese adults at liver fat 3 % (Fabbrini 2008 "            \
      "Gastroenterology 134:424)",                                                             \
      "share of newly esterified incoming fatty acid packaged straight into VLDL")            \
    X(VMAX, "V_vldl", "umol/min", 18.0, 0.0, 60.0, 0.3,                                        \
      "calibrated: VLDL-TG secretion 11.4 and 24.3 umol/min at liver fat about 3 and 23 % in " \
      "obese adults, the rise from non-systemic fatty acids (Fabbrini 2008)",                  \
      "maximal VLDL-TG secretion drawn from the stored pool (for a 78 kg adult; scales with "  \
      "weight)")                                                                               \
    X(KV, "K_vldl", "%", 15.0, 0.5, 40.0, 0.3,                                                  \
      "calibrated: as V_vldl, and liver fat relaxing with a time constant of 2-3 weeks "       \
      "(about -40 % in 2 weeks of an isocaloric low-carbohydrate diet, Mardinoglu 2018 Cell "  \
      "Metab 27:559)",                                                                         \
      "liver fat at half-maximal store-derived VLDL-TG secretion")                            \
    X(NV, "n_vldl", "1", 2.0, 0.5, 4.0, 0.3, "calibrated: as V_vldl",                             \
      "Hill coefficient of store-derived VLDL-TG secretion")                                  \
    X(VCAP, "V_vldl_cap", "umol/min", 22.0, 5.0, 80.0, 0.3,                                     \
      "calibrated: VLDL-TG secretion plateaus above about 10 % liver fat near 24 umol/min in "  \
      "obese adults (Fabbrini 2008); the apoB/MTP limit on VLDL assembly",                     \
      "maximal VLDL-TG secretion capacity (for a 78 kg adult; scales with weight)")           \
    X(NCAP, "n_vldl_cap", "1", 4.0, 1.0, 10.0, 0.3,                                             \
      "assumed: secretion follows demand until close to the capacity (a sharp knee)",          \
      "sharpness of the approach to the secretory capacity")                                  \
    X(PTM6, "p_tm6sf2", "1", 0.175, 0.0, 0.5, 0.3,                                             \
      "TM6SF2 E167K homozygotes secrete about 35 % less VLDL1-TG (Boren 2020 research notes)", \
      "fall of VLDL secretion per E167K allele")                                              \
    X(KLIP, "k_lip", "1/min", 2.5e-5, 0.0, 0.01, 0.4,                                          \
      "calibrated: liver fat responds to diet over 2-4 weeks (Lim 2011 Diabetologia "         \
      "54:2506); halved from 5e-5 when store-derived VLDL joined the restoring force",        \
      "lipolysis of stored hepatic triglyceride")                                             \
    X(PPNPLA3, "p_pnpla3", "1", 0.3, 0.0, 0.5, 0.3,                                            \
      "calibrated: PNPLA3 I148M steatosis 15 / 26 / 33 % by allele (Sookoian 2009 J Lipid "  \
      "Res 50:2111)",                                                                          \
      "fall of stored-triglyceride lipolysis per I148M allele")                               \
    X(FLIVER, "liver_lean_fraction", "1", 0.02, 0.01, 0.04, 0.15,                               \
      "adult liver about 1.5-1.8 kg, 2-2.5 % of body weight (research notes)",                \
      "lean liver mass as a fraction of body weight")                                         \
    X(AML, "a_ml", "1/min", 6.0e-4, 0.0, 0.01, 0.4,                                            \
      "calibrated: as a_ox (hepatic mitochondrial adaptation to endurance training in "       \
      "rodents; Fletcher 2014)",                                                               \
      "hepatic mitochondrial biogenesis per unit aerobic stimulus")                           \
    X(MLMAX, "mito_max", "1", 1.6, 1.1, 3.0, 0.3, "assumed", "ceiling of trained hepatic capacity") \
    X(TAUML, "tau_ml", "min", 43200.0, 7200.0, 259200.0, 0.3, "assumed: as in muscle",        \
      "time constant of hepatic detraining")                                                  \
    X(ATTRAIN, "a_t_train", "1", 1.0, 0.0, 3.0, 0.5,                                           \
      "assumed (seed claim C11): low testosterone blunts the liver benefit of training",      \
      "dependence of hepatic training adaptation on testosterone (log-log)")                  \
    X(CINFL, "c_infl", "1", 0.25, 0.0, 3.0, 0.5,                                               \
      "assumed (seed claim C12): steatohepatitis impairs hepatic mitochondria (maximal "       \
      "respiration 40-50 % lower in NASH than in NAFL, Koliaki 2015 Cell Metab 21:739); 0.5 "  \
      "closed a loop (inflammation, less oxidation, more fat) that turned a held 15 % liver "  \
      "into NASH within a year",                                                               \
      "fall of hepatic oxidative capacity at maximal inflammation")

#define FLUXES(X)                                                                                \
    X(FFA_UPTAKE, "ffa_uptake", "umol/kg/min", MH_POOL_FFA, MH_POOL_NONE,                      \
      "FFA taken up by the liver")                                                            \
    X(REMNANT, "remnant_uptake", "umol/kg/min", MH_POOL_CHYLOMICRON_TG, MH_POOL_NONE,          \
      "chylomicron remnant triglyceride taken up")                                            \
    X(DNL, "de_novo_lipogenesis", "umol/kg/min", MH_POOL_NONE, MH_POOL_NONE,                   \
      "fatty acids made from glucose and fructose")                                           \
    X(LIPOLYSIS, "stored_tg_lipolysis", "umol/kg/min", MH_POOL_NONE, MH_POOL_NONE,             \
      "fatty acids released from stored triglyceride")                                        \
    X(FAT_OX, "fat_oxidation", "umol/kg/min", MH_POOL_NONE, MH_POOL_NONE,                      \
      "hepatic fatty acid oxidation")                                                         \
    X(ESTERIFIED, "esterification", "umol/kg/min", MH_POOL_NONE, MH_POOL_NONE,                 \
      "fatty acids esterified into stored triglyceride")                                      \
    X(VLDL_SECRETION, "vldl_tg_secretion", "umol/kg/min", MH_POOL_NONE, MH_POOL_VLDL_TG,       \
      "triglyceride exported in VLDL")                                                        \
    X(VLDL_DIRECT, "vldl_tg_direct", "umol/kg/min", MH_POOL_NONE, MH_POOL_NONE,                \
      "the part of VLDL triglyceride packaged straight from incoming fatty acids")

#define OUTPUTS(X)                                                                               \
    X(LF_OUT, "liver_fat_pct", "%", "intrahepatic triglyceride (MRS/PDFF scale)")              \
    X(TG_OUT, "liver_tg_g", "g", "intrahepatic triglyceride")                                  \
    X(DNL_OUT, "dnl_g_per_day", "g/day", "hepatic de novo lipogenesis (fatty acid, current rate)") \
    X(VLDL_OUT, "vldl_tg_umol_min", "umol/min", "VLDL triglyceride secretion")                \
    X(VLDL_DIRECT_OUT, "vldl_tg_direct_pct", "%",                                             \
      "share of VLDL triglyceride packaged straight from incoming fatty acids (not the store)") \
    X(FAT_OX_OUT, "hepatic_fat_oxidation_g_per_day", "g/day",                                 \
      "hepatic fatty acid oxidation (current rate)")                                          \
    X(MITO_OUT, "liver_mitochondria", "1", "hepatic oxidative capacity relative to sedentary") \
    X(INFLUX_OUT, "liver_fa_influx_g_per_day", "g/day",                                       \
      "fatty acids entering the liver from plasma FFA, remnants and DNL (current rate)")      \
    X(FFA_OUT, "liver_ffa_uptake_g_per_day", "g/day", "plasma FFA taken up by the liver (current rate)") \
    X(REMNANT_OUT, "liver_remnant_fa_g_per_day", "g/day",                                      \
      "fatty acids taken up in chylomicron remnants (current rate)")                         \
    X(NET_OUT, "liver_tg_net_g_per_day", "g/day",                                             \
      "net deposition into intrahepatic triglyceride (current rate; negative when it shrinks)") \
    X(TRAIT_OUT, "liver_oxidation_trait", "1",                                                 \
      "the subject's hepatic oxidised share relative to the reference (fitted to a declared liver fat)")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_FLUX_TABLE(FLUXES);
MH_OUTPUT_TABLE(OUTPUTS);

static double lean_liver_g(const double *p, const mh_inputs *in)
{
    return p[FLIVER] * in->body_weight_kg * 1000.0;
}

static double fat_pct(const double *x, const double *p, const mh_inputs *in)
{
    double tg = fmax(x[TG], 0.0);
    return 100.0 * tg / (lean_liver_g(p, in) + tg);
}

/* grams of triglyceride per (umol TG / kg / min) sustained for a minute */
static double tg_grams(double umol_kg, const mh_inputs *in)
{
    return umol_kg * in->body_weight_kg * TG_MG_PER_UMOL / 1000.0;
}

static void publish(const mh_module_ctx *c, double *signals)
{
    signals[MH_SIGNAL_LIVER_FAT_PCT] = fat_pct(c->x, c->p, c->in);
    signals[MH_SIGNAL_LIVER_MITO] = fmax(c->x[MITO], 0.1);
}

static void compute_fluxes(const mh_module_ctx *c, double *f)
{
    const double *x = c->x, *p = c->p;
    const mh_shared *s = c->shared;
    const mh_inputs *in = c->in;
    double mito = fmax(x[MITO], 0.1);
    double insulin = fmax(s->conc[MH_POOL_INSULIN], 1.0) / s->ref[MH_POOL_INSULIN];
    double glucagon = fmax(s->conc[MH_POOL_GLUCAGON], 0.0) / s->ref[MH_POOL_GLUCAGON];
    double ccl2_excess = mh_excess(mh_messenger_ratio(s, MH_MESSENGER_CCL2));
    f[FFA_UPTAKE] = p[KFFA] * fmax(s->conc[MH_POOL_FFA], 0.0) * (1.0 + p[CCCL2] * ccl2_excess);
    f[REMNANT] = p[KREM] * fmax(s->amount[MH_POOL_CHYLOMICRON_TG], 0.0);
    double ampk = pow(mito, p[AAMPK]) *
                  pow(fmax(mh_messenger_ratio(s, MH_MESSENGER_IRISIN), 0.05), p[AIRISIN]) *
                  (1.0 + p[HAMPK] * s->signal[MH_SIGNAL_EXERCISE_DRIVE]);
    double glucose = fmax(s->conc[MH_POOL_GLUCOSE], 0.0) / s->ref[MH_POOL_GLUCOSE];
    /* umol/kg/min per g/day of fatty acid for a 78 kg adult */
    double dnl_capacity = p[DNLCAP] * 1000.0 / MH_FA_MG_PER_UMOL / 1440.0 / 78.0;
    double lipogenic_drive =
        p[VDNL] * pow(insulin, p[NDNL]) * glucose * s->signal[MH_SIGNAL_LIVER_GLYCOGEN_FILL] *
        (1.0 + p[ADNLLF] * mh_liver_fat_excess_levelled(s, p[DNLPLATEAU])) / ampk;
    double from_fructose = p[FFD] * s->signal[MH_SIGNAL_FRUCTOSE_ABSORPTION] / 3.0 / MH_FA_MG_PER_UMOL;
    f[DNL] = mh_saturating(from_fructose + lipogenic_drive, dnl_capacity, p[NCAP]);
    double tg_umol_kg = fmax(x[TG], 0.0) * 1000.0 / TG_MG_PER_UMOL / in->body_weight_kg;
    f[LIPOLYSIS] = 3.0 * p[KLIP] * (1.0 - p[PPNPLA3] * in->pnpla3_risk_alleles) * tg_umol_kg;
    double drive = pow(mito, p[AOX]) * pow(ampk, p[AAMPKOX]) *
                   pow(fmax(mh_messenger_ratio(s, MH_MESSENGER_ADIPONECTIN), 0.05), p[AADIPO]) *
                   pow(fmax(mh_messenger_ratio(s, MH_MESSENGER_FGF21), 0.05), p[AFGF]) *
                   pow(fmax(s->signal[MH_SIGNAL_GH_DRIVE], 0.05), p[AGH]) *
                   pow(fmax(s->signal[MH_SIGNAL_TESTOSTERONE_RATIO], 0.05), p[AT_T]) *
                   (1.0 + p[APPAR] * mh_liver_fat_excess(s));
    double share = fmin(p[OXMAX], in->liver_oxidation_trait * p[FOX] * pow(glucagon, p[CGCG]) *
                                  pow(insulin, -p[BOX]) *
                                  s->signal[MH_SIGNAL_ETHANOL_NADH] * drive);
    double incoming = f[FFA_UPTAKE] + 3.0 * f[REMNANT] + f[DNL];
    double entering = incoming + f[LIPOLYSIS];
    f[FAT_OX] = share * entering;
    f[ESTERIFIED] = entering - f[FAT_OX];
    /* VLDL-TG demand (umol TG/kg/min): the direct route, a share f_vd of the incoming
     * fatty acid newly esterified and packaged at once, plus the store-derived Hill term;
     * secretion follows demand up to the capacity, approached with a knee of sharpness
     * n_cap. What is not secreted stays in the store. */
    double pct = fat_pct(x, p, in);
    double direct = p[FVD] * (1.0 - share) * incoming / 3.0;
    double hill = pow(pct, p[NV]);
    double stored = p[VMAX] / 78.0 * hill / (hill + pow(p[KV], p[NV]));
    double demand = direct + stored;
    double secreted = mh_saturating(demand, p[VCAP] / 78.0, p[NCAP]) *
                      (1.0 - p[PTM6] * in->tm6sf2_risk_alleles);
    f[VLDL_SECRETION] = secreted;
    f[VLDL_DIRECT] = demand > 0.0 ? secreted * direct / demand : 0.0;
}

/* Hepatic oxidative capacity without training, lowered by steatohepatitis. */
static double untrained_mito(const mh_module_ctx *c)
{
    return 1.0 / (1.0 + c->p[CINFL] * c->shared->signal[MH_SIGNAL_LIVER_INFLAMMATION] / 5.0);
}

static void steady_guess(const mh_module_ctx *c, double *x) { x[MITO] = untrained_mito(c); }

/* Net deposition into the store, g/min. */
static double net_deposition(const double *f, const mh_inputs *in)
{
    return tg_grams(f[ESTERIFIED] / 3.0 - f[LIPOLYSIS] / 3.0 - f[VLDL_SECRETION], in);
}

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    const double *x = c->x, *p = c->p;
    const mh_shared *s = c->shared;
    dx[TG] = net_deposition(f, c->in);
    double testosterone = fmax(s->signal[MH_SIGNAL_TESTOSTERONE_RATIO], 0.05);
    double untrained = untrained_mito(c);
    dx[MITO] = p[AML] * s->signal[MH_SIGNAL_AEROBIC_STIMULUS] * (p[MLMAX] - x[MITO]) *
                   pow(fmin(testosterone, 1.5), p[ATTRAIN]) -
               (x[MITO] - untrained) / p[TAUML];
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    const mh_inputs *in = c->in;
    double per_day = in->body_weight_kg * 1440.0 * MH_FA_MG_PER_UMOL / 1000.0;
    out[LF_OUT] = fat_pct(c->x, c->p, in);
    out[TG_OUT] = c->x[TG];
    out[DNL_OUT] = f[DNL] * per_day;
    out[VLDL_OUT] = f[VLDL_SECRETION] * in->body_weight_kg;
    out[VLDL_DIRECT_OUT] = f[VLDL_SECRETION] > 0.0 ? 100.0 * f[VLDL_DIRECT] / f[VLDL_SECRETION] : 0.0;
    out[FAT_OX_OUT] = f[FAT_OX] * per_day;
    out[MITO_OUT] = c->x[MITO];
    out[INFLUX_OUT] = (f[FFA_UPTAKE] + 3.0 * f[REMNANT] + f[DNL]) * per_day;
    out[FFA_OUT] = f[FFA_UPTAKE] * per_day;
    out[REMNANT_OUT] = 3.0 * f[REMNANT] * per_day;
    out[NET_OUT] = net_deposition(f, in) * MH_MIN_PER_DAY;
    out[TRAIT_OUT] = in->liver_oxidation_trait;
}

static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    double pct = fmin(fmax(in->liver_fat_pct, 0.1), 60.0);
    x[TG] = lean_liver_g(p, in) * pct / (100.0 - pct);
    x[MITO] = 1.0;
}

const mh_module mh_liver_fat_module = {
    .name = MODULE_NAME,
    .summary = "hepatic fatty acids: uptake, lipogenesis, oxidation, triglyceride store, VLDL",
    MH_WITH_STATES,
    MH_WITH_PARAMS,
    MH_WITH_FLUXES,
    MH_WITH_OUTPUTS,
    .publish = publish,
    .compute_fluxes = compute_fluxes,
    .compute_derivatives = derivatives,
    .compute_outputs = compute_outputs,
    .basal_guess = basal_guess,
    .steady_guess = steady_guess,
};
