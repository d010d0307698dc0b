/*
 * body.c - energy balance and body composition: fat, lean tissue,
 * extracellular fluid, adaptive thermogenesis and skeletal muscle (physio layer).
 *
 * Energy balance follows Hall's adult model (Hall et al. 2011 Lancet 378:826;
 * constants as in the R package bw 1.0.0, src/adult_weight.cpp), with the
 * intake taken from what the gut absorbs minute by minute:
 *   EI  = absorbed energy (gut signal, kcal/day),  dEI = EI - EI0
 *   E0  = K + gF F + gL L + delta W + bTEF dEI + AT + EX            [kcal/day]
 *   (rhoL + etaL) dL/dt + (rhoF + etaF) dF/dt = EI - E0 - (rhoL + etaL) dX/dt
 *   dF/dL = F / 10.4 kg   (Forbes: the energy share to lean is C / (C + F), C = 10.4 rhoL / rhoF)
 *   dAT/dt = (bAT dEI - AT) / tau_AT
 *   dECF/dt = (-zNa (ECF - ECF0) - zCI (1 - CI / CI0)) / Na
 *   W   = F + L + ECF + 3.7 G0 + X
 * EI0 = PAL x RMR (Mifflin-St Jeor) is the weight-stable intake, K closes the
 * balance at the start, delta = ((1 - bTEF) PAL - 1) RMR / W0 carries daily
 * activity, EX is the exercise module's energy above rest, CI / CI0 the diet's
 * energy relative to the weight-stable intake (carbohydrate share unchanged).
 * The fast fuel fluxes (adipose storage, lipolysis) are the intra-day routing
 * of the same energy; the fat mass here is what the slow physiology reads.
 *
 * Skeletal muscle is a share of lean tissue remodelled by protein turnover:
 *   M = M0 (L / L0) Phi,   X = M0 (L / L0) (Phi - 1)   (muscle beyond energy partition)
 *   dPhi/dt = k_turn (S / S0 - (B / B0) Phi)
 *   S = A(age) / A(age0) x (1 + a_rt min(protein, 1.6)^a_prot RS) x T^a_t
 *       x IGF1^a_igf1 x MSTN^-a_mstn x (1 - s_disuse disuse) x f_syn
 *   B = (1 + b_disuse disuse) (1 + b_gc (GC - 1)) (1 + b_adm (ADM - 1)+) (1 + b_inf inflammation / 5)
 *   A(age) = exp(-c_ar max(0, age - 30)^2)   (age-related anabolic resistance)
 * Signals are ratios to rest (messengers.c, endocrine.c); RS is the resistance
 * stimulus (exercise.c). S0 = B0 = 1, measured against a healthy adult at rest;
 * for a subject held in his habitual steady state (subject.liver_fat_habitual)
 * they are S and B at the held start (mh_model_hold_start): his declared muscle
 * is the steady state of the hormones, messengers and liver he starts with.
 * Ageing, disuse, hormones and liver injury that change during the run move it.
 * M0 is the subject's muscle mass at the start (inputs; estimated from fat-free
 * mass by mh_body_muscle_estimate_kg); ASM from skeletal muscle by inverting
 * Kim 2002 AJCN 76:378 (SM = 1.13 ASM - 0.02 age + 0.61 male + 0.97).
 */
#include <math.h>

#include "core/units.h"
#include "physio/module.h"
#include "physio/registry.h"

#define MODULE_NAME "body"

#define STATES(X)                                                                                \
    X(F, "fat_mass", "kg", 20.0, MH_SLOW, "F: body fat mass")                                 \
    X(L, "lean_tissue", "kg", 40.0, MH_SLOW,                                                   \
      "L: lean tissue (fat-free mass less extracellular fluid and glycogen with its water)")   \
    X(ECF, "extracellular_fluid", "kg", 20.0, MH_SLOW, "ECF: extracellular fluid")           \
    X(AT, "adaptive_thermogenesis", "kcal/day", 100.0, MH_SLOW,                              \
      "AT: adaptive thermogenesis")                                                           \
    X(PHI, "muscle_remodelling", "1", 1.0, MH_SLOW,                                            \
      "Phi: skeletal muscle relative to its energy-partitioned share of lean tissue")

#define SRC_BW "Hall 2011 Lancet 378:826; R package bw 1.0.0 adult_weight.cpp"

#define PARAMS(X)                                                                                \
    X(RHOF, "rho_F", "kcal/kg", 9440.727, 9000.0, 9800.0, 0.02, SRC_BW " (39.5 MJ/kg)",       \
      "energy density of fat")                                                                \
    X(RHOL, "rho_L", "kcal/kg", 1816.444, 1500.0, 2100.0, 0.05, SRC_BW " (7.6 MJ/kg)",        \
      "energy density of lean tissue")                                                        \
    X(GF, "gamma_F", "kcal/kg/day", 3.107075, 1.0, 6.0, 0.2, SRC_BW " (13 kJ/kg/day)",         \
      "maintenance cost of fat")                                                              \
    X(GL, "gamma_L", "kcal/kg/day", 21.98853, 15.0, 30.0, 0.1, SRC_BW " (92 kJ/kg/day)",       \
      "maintenance cost of lean tissue")                                                      \
    X(ETAF, "eta_F", "kcal/kg", 179.2543, 100.0, 300.0, 0.2, SRC_BW " (750 kJ/kg)",            \
      "cost of fat synthesis")                                                                \
    X(ETAL, "eta_L", "kcal/kg", 229.4455, 100.0, 400.0, 0.2, SRC_BW " (960 kJ/kg)",            \
      "cost of lean tissue synthesis")                                                        \
    X(BTEF, "beta_TEF", "1", 0.1, 0.0, 0.2, 0.2, SRC_BW, "thermic effect of food (fraction)")  \
    X(BAT, "beta_AT", "1", 0.14, 0.0, 0.3, 0.3, SRC_BW, "adaptive thermogenesis per intake change") \
    X(TAUAT, "tau_AT", "day", 14.0, 1.0, 60.0, 0.3, SRC_BW, "time constant of adaptive thermogenesis") \
    X(FORBES, "forbes_C", "kg", 10.4, 5.0, 20.0, 0.2,                                          \
      "Forbes 1987; " SRC_BW, "fat mass at which energy imbalance splits evenly by mass")      \
    X(NA, "Na", "kcal/kg", 3220.0, 1000.0, 5000.0, 0.2,                                        \
      SRC_BW " (sodium term scale, mg/L x 1000)", "extracellular fluid sodium scale")         \
    X(ZNA, "zeta_Na", "1/day", 3000.0, 1000.0, 6000.0, 0.3, SRC_BW,                            \
      "renal sodium excretion per kg of extra fluid")                                         \
    X(ZCI, "zeta_CI", "1/day", 4000.0, 0.0, 8000.0, 0.3, SRC_BW,                               \
      "sodium retention with carbohydrate intake")                                            \
    X(G0, "glycogen0", "kg", 0.5, 0.2, 1.0, 0.3, SRC_BW " (with 3.7 kg water per kg)",        \
      "body glycogen counted in weight")                                                      \
    X(KTURN, "k_turn", "1/day", 0.012, 0.003, 0.03, 0.3,                                       \
      "myofibrillar protein fractional synthesis about 1.2-1.8 %/day (research notes)",      \
      "muscle protein turnover rate")                                                         \
    X(CAR, "c_ar", "1/year^2", 1.0e-4, 0.0, 3e-4, 0.4,                                         \
      "calibrated: muscle -0.8 %/yr at 75 (Mitchell 2012 Front Physiol 3:260: 0.6-1 %/yr)",  \
      "age-related anabolic resistance")                                                      \
    X(APROT, "a_prot", "1", 0.5, 0.0, 1.5, 0.5,                                                \
      "protein supplementation adds about a quarter to training gains in fat-free mass, up "  \
      "to about 1.6 g/kg/day (Morton 2018 Br J Sports Med 52:376)",                            \
      "dependence of the training response on protein intake (log-log, per g/kg/day)")        \
    X(ART, "a_rt", "1", 0.07, 0.0, 0.5, 0.4,                                                   \
      "calibrated: lean mass +1.1 kg after about 20 weeks of resistance training 3/week at " \
      ">= 50 y (Peterson 2011 MSSE 43:249)",                                                   \
      "rise of muscle synthesis per unit resistance stimulus")                                \
    X(AT_T, "a_t", "1", 0.2, 0.0, 1.0, 0.4,                                                    \
      "calibrated: testosterone 125-300 mg/week adds about 3-5 kg fat-free mass in 20 weeks " \
      "(Bhasin 2001 AJP Endo 281:E1172)",                                                      \
      "response of muscle synthesis to testosterone (log-log)")                               \
    X(AIGF, "a_igf1", "1", 0.1, 0.0, 0.5, 0.5, "assumed: IGF-1 supports muscle repair",         \
      "response of muscle synthesis to IGF-1 (log-log)")                                      \
    X(AMSTN, "a_mstn", "1", 0.1, 0.0, 0.5, 0.5,                                                \
      "assumed: myostatin restrains hypertrophy (Lee 2001 PNAS 98:9306)",                     \
      "restraint of muscle synthesis by myostatin (log-log)")                                 \
    X(SDIS, "s_disuse", "1", 0.1, 0.0, 0.8, 0.3,                                               \
      "calibrated: whole-body lean tissue -3.9 kg (SD 2.1) in 17 weeks of bed rest, nearly "   \
      "all from the legs, still falling at the end (LeBlanc 1992 J Appl Physiol 73:2172); "    \
      "about -0.2 %/day of whole-body muscle early, less later (knee extensors faster and "    \
      "plateauing, Marusic 2021 J Appl Physiol 131:194; one immobilised leg about 1 %/day)",  \
      "fall of whole-body muscle protein synthesis with complete disuse (bed rest)")          \
    X(BDIS, "b_disuse", "1", 0.05, 0.0, 1.0, 0.3,                                              \
      "calibrated: as s_disuse; disuse atrophy is mostly a fall of synthesis, breakdown rises " \
      "little (Phillips 2009 J Appl Physiol 107:645)",                                        \
      "rise of whole-body muscle protein breakdown with complete disuse (bed rest)")          \
    X(BGC, "b_gc", "1", 0.15, 0.0, 1.0, 0.4,                                                   \
      "assumed: glucocorticoid excess wastes muscle (Cushing's, high-dose prednisolone)",     \
      "rise of muscle protein breakdown per unit glucocorticoid excess")                      \
    X(BADM, "b_adm", "1", 0.05, 0.0, 0.5, 0.5,                                                 \
      "assumed (seed text): liver adrenomedullin drives muscle protein breakdown",            \
      "rise of muscle protein breakdown per unit adrenomedullin excess")                      \
    X(BINF, "b_inf", "1", 0.05, 0.0, 0.5, 0.5,                                                 \
      "assumed: liver disease is catabolic for muscle (cirrhosis, research notes)",           \
      "rise of muscle protein breakdown at maximal liver inflammation")                      \
    X(FSYN, "f_syn", "1", 1.0, 0.7, 1.3, 0.05,                                                 \
      "assumed: 1 for the reference adult; muscle mass is about half heritable (Arden and "    \
      "Spector 1997 J Bone Miner Res 12:2076); the handle of genetic instruments for muscle "  \
      "mass in in-silico MR (docs/MODEL.md section 10)",                                       \
      "a person's own factor on muscle protein synthesis (constitutional anabolic drive)")

#define OUTPUTS(X)                                                                               \
    X(WEIGHT, "weight_kg", "kg", "body weight")                                                \
    X(BMI, "bmi", "kg/m^2", "body mass index")                                                 \
    X(FAT, "fat_mass_kg", "kg", "body fat mass")                                               \
    X(FAT_PCT, "body_fat_pct", "%", "body fat as a share of weight")                          \
    X(LEAN, "lean_mass_kg", "kg", "fat-free mass")                                            \
    X(MUSCLE, "muscle_mass_kg", "kg", "skeletal muscle mass")                                 \
    X(ASM, "asm_kg", "kg", "appendicular skeletal muscle (lean soft tissue of the limbs)")     \
    X(EE, "energy_expenditure_kcal_day", "kcal/day", "total energy expenditure, current rate") \
    X(EI, "energy_intake_kcal_day", "kcal/day", "energy being absorbed, current rate")         \
    X(MPS, "muscle_protein_synthesis_rel", "1",                                                \
      "fractional muscle protein synthesis relative to the start of the run")                 \
    X(MPB, "muscle_protein_breakdown_rel", "1",                                                \
      "fractional muscle protein breakdown relative to a healthy adult at rest")

MH_STATE_TABLE(STATES);
MH_PARAM_TABLE(PARAMS);
MH_OUTPUT_TABLE(OUTPUTS);


/* Mifflin-St Jeor resting expenditure with the coefficients bw uses. */
double mh_body_resting_kcal_per_day(int female, double age_y, double height_m, double weight_kg)
{
    return 9.99 * weight_kg + 625.0 * height_m - 4.92 * age_y + (female ? -161.0 : 5.0);
}

/* Mouse resting expenditure: Kleiber's interspecies law, 70 kcal/day x W^0.75
 * (Kleiber 1947 Physiol Rev 27:511), 4.8 kcal/day at 28 g. Housing at 20-22 C,
 * below the mouse's thermoneutral zone, raises daily expenditure to about 2.5
 * times that (the mouse's physical activity level; Speakman 2013 Front Physiol
 * 4:34), 12 kcal/day, matching chow intakes of 3.5-4 g/day at 3.1-3.4 kcal/g. */
double mh_body_mouse_resting_kcal_per_day(double weight_kg)
{
    return 70.0 * pow(weight_kg, 0.75);
}

/* Extracellular fluid at the start (Silva 2007, as in bw); a mouse: a fifth of
 * body weight, as assumed for small mammals (no mouse regression exists). */
static double ecf0(const mh_inputs *in)
{
    double h = in->height_m, w = in->body_weight_kg;
    if (in->species == MH_SPECIES_MOUSE)
        return 0.2 * w;
    return in->female ? -4.0 + 5.98 * h + 0.167 * w : 0.025 * in->age_y + 9.57 * h + 0.191 * w - 12.4;
}

static double lean0(const double *p, const mh_inputs *in)
{
    return in->body_weight_kg - in->fat_mass_kg - ecf0(in) - 3.7 * p[G0];
}


/* Skeletal muscle 38.4 % of weight in men and 30.6 % in women (Janssen 2000 J Appl
 * Physiol 89:81) at about 22 % and 33 % body fat: 0.49 and 0.46 of fat-free mass. */
double mh_body_muscle_estimate_kg(int female, double fat_free_kg)
{
    return (female ? 0.46 : 0.49) * fat_free_kg;
}

/* Body fat from BMI, age and sex, as Hall's bw package estimates it (Jackson 2002
 * Int J Obes 26:789 form, in ln BMI). */
double mh_body_fat_estimate_kg(int female, double age_y, double height_m, double weight_kg)
{
    double bmi = weight_kg / (height_m * height_m);
    double pct = female ? 0.14 * age_y + 39.96 * log(bmi) - 102.01
                        : 0.14 * age_y + 37.31 * log(bmi) - 103.94;
    return weight_kg * fmin(fmax(pct, 3.0), 70.0) / 100.0;
}

static double resting0(const mh_inputs *in)
{
    if (in->species == MH_SPECIES_MOUSE)
        return mh_body_mouse_resting_kcal_per_day(in->body_weight_kg);
    return mh_body_resting_kcal_per_day(in->female, in->age_y, in->height_m, in->body_weight_kg);
}

/* Weight-stable intake, activity coefficient and the closing constant K. */
typedef struct baseline {
    double intake, delta, k;
} baseline;

static baseline start_balance(const double *p, const mh_inputs *in)
{
    double rmr = resting0(in), pal = in->physical_activity_level;
    baseline b;
    b.intake = pal * rmr;
    b.delta = ((1.0 - p[BTEF]) * pal - 1.0) * rmr / in->body_weight_kg;
    b.k = b.intake - p[GL] * lean0(p, in) - p[GF] * in->fat_mass_kg - b.delta * in->body_weight_kg;
    return b;
}

/* M0 L / L0: the muscle that energy partitioning alone would leave. */
static double partitioned_muscle(const double *x, const double *p, const mh_inputs *in)
{
    return in->muscle_mass_kg * fmax(x[L], 0.0) / lean0(p, in);
}

static double muscle_mass(const double *x, const double *p, const mh_inputs *in)
{
    return partitioned_muscle(x, p, in) * x[PHI];
}

static double remodelled(const double *x, const double *p, const mh_inputs *in)
{
    return partitioned_muscle(x, p, in) * (x[PHI] - 1.0);
}

static double weight(const double *x, const double *p, const mh_inputs *in)
{
    return x[F] + x[L] + x[ECF] + 3.7 * p[G0] + remodelled(x, p, in);
}

/* Fractional muscle protein breakdown relative to a healthy adult at rest (B). */
static double muscle_breakdown(const mh_module_ctx *c)
{
    const double *p = c->p;
    const mh_shared *s = c->shared;
    return (1.0 + p[BDIS] * c->in->intervention[MH_INTERVENTION_DISUSE]) *
           (1.0 + p[BGC] * (s->signal[MH_SIGNAL_GLUCOCORTICOID] - 1.0)) *
           (1.0 + p[BADM] * mh_excess(mh_messenger_ratio(s, MH_MESSENGER_ADM))) *
           (1.0 + p[BINF] * s->signal[MH_SIGNAL_LIVER_INFLAMMATION] / 5.0);
}

static void publish(const mh_module_ctx *c, double *signals)
{
    const double *x = c->x, *p = c->p;
    signals[MH_SIGNAL_FAT_MASS] = fmax(x[F], 0.0);
    /* Reference: the default 78 kg man of 40 at 22 % body fat (the Dalla Man cohort);
     * a mouse: the default chow-fed 28 g C57BL/6 male at 12 % body fat. */
    double reference_fat_kg = c->in->species == MH_SPECIES_MOUSE ? 0.028 * 0.12 : 17.2;
    signals[MH_SIGNAL_FAT_MASS_RATIO] = fmax(x[F], 0.0) / reference_fat_kg;
    signals[MH_SIGNAL_MUSCLE_MASS] = muscle_mass(x, p, c->in);
    signals[MH_SIGNAL_MUSCLE_MASS_RATIO] = muscle_mass(x, p, c->in) / c->in->muscle_mass_kg;
    signals[MH_SIGNAL_MUSCLE_PROTEOLYSIS] = muscle_breakdown(c);
}

static double anabolic_resistance(const double *p, double age)
{
    double over = fmax(age - 30.0, 0.0);
    return exp(-p[CAR] * over * over);
}

/* Fractional muscle protein synthesis relative to a healthy adult (S). */
static double muscle_synthesis(const mh_module_ctx *c)
{
    const double *p = c->p;
    const mh_shared *s = c->shared;
    const mh_inputs *in = c->in;
    double protein = fmin(fmax(in->protein_g_per_kg_day, 0.3), 3.0);
    return anabolic_resistance(p, mh_age_at(in, c->t_min)) / anabolic_resistance(p, in->age_y) *
           (1.0 + p[ART] * pow(fmin(protein, 1.6), p[APROT]) * s->signal[MH_SIGNAL_RESISTANCE_STIMULUS]) *
           pow(fmax(s->signal[MH_SIGNAL_TESTOSTERONE_RATIO], 0.01), p[AT_T]) *
           pow(fmax(mh_messenger_ratio(s, MH_MESSENGER_IGF1), 0.01), p[AIGF]) *
           pow(fmax(mh_messenger_ratio(s, MH_MESSENGER_MYOSTATIN), 0.01), -p[AMSTN]) *
           (1.0 - p[SDIS] * c->in->intervention[MH_INTERVENTION_DISUSE]) * p[FSYN];
}

/* dPhi/dt per day. Synthesis and breakdown count relative to the subject's own
 * turnover at the start (S0, B0): the declared muscle is the steady state of the
 * hormones and messengers the subject starts with, and what changes them during
 * the run (or ageing) moves it. */
static double remodelling_rate(const mh_module_ctx *c)
{
    const mh_inputs *in = c->in;
    /* B as publish() computed it for this evaluation */
    double breakdown = c->shared->signal[MH_SIGNAL_MUSCLE_PROTEOLYSIS];
    return c->p[KTURN] * (muscle_synthesis(c) / in->muscle_synthesis_start -
                          breakdown / in->muscle_breakdown_start * c->x[PHI]);
}

static void hold_start(const mh_module_ctx *c, mh_inputs *in)
{
    in->muscle_synthesis_start = muscle_synthesis(c);
    in->muscle_breakdown_start = muscle_breakdown(c);
}

/* Energy being absorbed and spent, kcal/day. */
static double intake(const mh_module_ctx *c)
{
    return c->shared->signal[MH_SIGNAL_ENERGY_ABSORPTION] * MH_MIN_PER_DAY;
}

static double expenditure_without_growth(const mh_module_ctx *c, const baseline *b)
{
    const double *x = c->x, *p = c->p;
    /* A mouse's activity and thermoregulation (delta W) stay at their start: cold-
     * induced heat production does not grow with insulating fat, and activity fell
     * when mice switched to a high-fat diet (Guo and Hall 2011 PLoS One 6:e15961). */
    double carried = c->in->species == MH_SPECIES_MOUSE ? c->in->body_weight_kg : weight(x, p, c->in);
    return b->k + p[GF] * x[F] + p[GL] * x[L] + b->delta * carried +
           p[BTEF] * (intake(c) - b->intake) + x[AT] +
           c->shared->signal[MH_SIGNAL_EXERCISE_ENERGY] * MH_MIN_PER_DAY;
}

/* Rates of the energy balance at the current state, per day. */
typedef struct flows {
    double lean, fat, remodelling; /* dL/dt, dF/dt (kg/day), dPhi/dt (1/day) */
    double extra_muscle;           /* dX/dt beyond the energy partition, kg/day */
    double spent;                  /* expenditure without tissue synthesis, kcal/day */
    double intake_stable;          /* EI0, kcal/day */
} flows;

static flows energy_flows(const mh_module_ctx *c)
{
    const double *x = c->x, *p = c->p;
    const mh_inputs *in = c->in;
    baseline b = start_balance(p, in);
    flows r;
    r.intake_stable = b.intake;
    r.remodelling = remodelling_rate(c);
    r.extra_muscle = partitioned_muscle(x, p, in) * r.remodelling;
    r.spent = expenditure_without_growth(c, &b);
    double balance = intake(c) - r.spent - (p[RHOL] + p[ETAL]) * r.extra_muscle;
    double fat_per_lean = fmax(x[F], 0.0) / p[FORBES];
    r.lean = balance / ((p[RHOL] + p[ETAL]) + (p[RHOF] + p[ETAF]) * fat_per_lean);
    r.fat = fat_per_lean * r.lean;
    return r;
}

static void derivatives(const mh_module_ctx *c, const double *f, double *dx)
{
    (void)f;
    const double *x = c->x, *p = c->p;
    flows r = energy_flows(c);
    double diet_ratio = c->in->intake_kcal_day / r.intake_stable;
    dx[L] = r.lean / MH_MIN_PER_DAY;
    dx[F] = r.fat / MH_MIN_PER_DAY;
    dx[AT] = (p[BAT] * (intake(c) - r.intake_stable) - x[AT]) / p[TAUAT] / MH_MIN_PER_DAY;
    dx[ECF] = (-p[ZNA] * (x[ECF] - ecf0(c->in)) - p[ZCI] * (1.0 - diet_ratio)) / p[NA] /
              MH_MIN_PER_DAY;
    dx[PHI] = r.remodelling / MH_MIN_PER_DAY;
}

static void compute_outputs(const mh_module_ctx *c, const double *f, double *out)
{
    (void)f;
    const double *x = c->x, *p = c->p;
    const mh_inputs *in = c->in;
    double w = weight(x, p, in), m = muscle_mass(x, p, in);
    double age = mh_age_at(in, c->t_min);
    out[WEIGHT] = w;
    out[BMI] = w / (in->height_m * in->height_m);
    out[FAT] = x[F];
    out[FAT_PCT] = 100.0 * x[F] / w;
    out[LEAN] = w - x[F];
    out[MUSCLE] = m;
    out[ASM] = fmax((m - 0.97 + 0.02 * age - (in->female ? 0.0 : 0.61)) / 1.13, 0.0);
    flows r = energy_flows(c);
    out[EE] = r.spent + p[ETAL] * (r.lean + r.extra_muscle) + p[ETAF] * r.fat;
    out[EI] = intake(c);
    out[MPS] = muscle_synthesis(c) / in->muscle_synthesis_start;
    out[MPB] = c->shared->signal[MH_SIGNAL_MUSCLE_PROTEOLYSIS];
}

static void basal_guess(const double *p, const mh_inputs *in, double *x)
{
    x[F] = in->fat_mass_kg;
    x[L] = lean0(p, in);
    x[ECF] = ecf0(in);
    x[AT] = 0.0;
    x[PHI] = 1.0;
}

const mh_module mh_body_module = {
    .name = MODULE_NAME,
    .summary = "energy balance (Hall adult model), fat and lean mass, skeletal muscle remodelling",
    MH_WITH_STATES,
    MH_WITH_PARAMS,
    MH_WITH_OUTPUTS,
    .publish = publish,
    .compute_derivatives = derivatives,
    .compute_outputs = compute_outputs,
    .basal_guess = basal_guess,
    .hold_start = hold_start,
};
