/*
 * shared.h - what modules share: circulating pools and published signals (physio layer).
 *
 * Pools are mass compartments several modules exchange with (plasma glucose,
 * plasma insulin, hepatic insulin). Each module reads their amounts and
 * concentrations and moves mass through the fluxes of its flux table, whose
 * rows name the pools involved; the model assembly adds them to pool rates.
 * The circulation module owns the pool states and their volumes.
 *
 * Signals are read-only values one module publishes from its own state (for
 * example portal-vein insulin, which the pancreas owns and the liver senses).
 * A module never reads another module's state directly.
 *
 * Reference concentrations are the overnight-fasted levels against which
 * modules scale their responses (insulin and glucagon ratios, FFA excess);
 * the circulation module owns them so that every module uses the same ones.
 *
 *   pool:   X(ENUM, name, amount unit, concentration unit, description)
 *   signal: X(ENUM, name, unit, owner module, description)
 */
#ifndef MH_PHYSIO_SHARED_H
#define MH_PHYSIO_SHARED_H

#define MH_POOL_LIST(X)                                                                          \
    X(GLUCOSE, glucose_plasma, "mg/kg", "mg/dL",                                               \
      "glucose in plasma and rapidly equilibrating tissues (Dalla Man Gp)")                    \
    X(INSULIN, insulin_plasma, "pmol/kg", "pmol/L", "insulin in plasma (Dalla Man Ip)")        \
    X(INSULIN_LIVER, insulin_liver, "pmol/kg", "pmol/kg",                                      \
      "insulin in the liver (Dalla Man Il)")                                                   \
    X(GLUCAGON, glucagon_plasma, "pmol/kg", "pmol/L", "glucagon in plasma")                    \
    X(LACTATE, lactate, "umol/kg", "umol/L", "lactate in body water")                          \
    X(GLYCEROL, glycerol, "umol/kg", "umol/L", "free glycerol in body water")                  \
    X(AMINO_ACIDS, gluconeogenic_amino_acids, "umol/kg", "umol/L",                             \
      "gluconeogenic amino acids (alanine equivalents: 3-carbon units)")                       \
    X(FFA, ffa, "umol/kg", "umol/L", "free (non-esterified) fatty acids in plasma")            \
    X(CHYLOMICRON_TG, chylomicron_tg, "umol/kg", "umol/L", "triglyceride in chylomicrons")      \
    X(VLDL_TG, vldl_tg, "umol/kg", "umol/L", "triglyceride in VLDL")                           \
    X(ETHANOL, ethanol, "mg/kg", "mg/L", "ethanol in body water")

#define MH_SIGNAL_LIST(X)                                                                        \
    X(PORTAL_INSULIN, portal_insulin, "pmol/kg", "pancreas",                                   \
      "insulin in the portal vein (Dalla Man Ipo)")                                            \
    X(INSULIN_SECRETION, insulin_secretion, "pmol/kg/min", "pancreas",                         \
      "insulin secretion reaching the liver (Dalla Man S)")                                    \
    X(MEAL_FIRST_PASS, meal_first_pass, "mg/kg/min", "gut",                                    \
      "absorbed meal glucose retained by the liver on first pass ((1 - f) kabs Qgut / BW)")    \
    X(EXERCISE_DRIVE, exercise_drive, "1", "exercise",                                         \
      "current exercise effort as a fraction of VO2max (0 at rest)")                           \
    X(EXERCISE_LOAD, exercise_load, "min", "exercise",                                         \
      "recent exercise volume: effort-weighted minutes, decaying over hours")                  \
    X(EXERCISE_CHO, exercise_carbohydrate_demand, "mg/kg/min", "exercise",                     \
      "carbohydrate the working muscle oxidises above rest (as glucose)")                      \
    X(EXERCISE_FAT, exercise_fat_demand, "umol/kg/min", "exercise",                            \
      "fatty acids the working muscle oxidises above rest")                                    \
    X(INSULIN_SENSITIZATION, insulin_sensitization, "1", "exercise",                           \
      "post-exercise rise of muscle insulin sensitivity (fraction)")                           \
    X(FRUCTOSE_ABSORPTION, fructose_absorption, "mg/kg/min", "gut",                            \
      "absorbed fructose, all taken up by the liver on first pass")                            \
    X(ENERGY_ABSORPTION, energy_absorption, "kcal/min", "gut",                                 \
      "metabolizable energy being absorbed (carbohydrate, fat, protein, alcohol)")             \
    X(EXERCISE_ENERGY, exercise_energy, "kcal/min", "exercise", "exercise energy above rest")  \
    X(AEROBIC_STIMULUS, aerobic_stimulus, "1", "exercise",                                     \
      "current drive to mitochondrial biogenesis ((effort / 0.7)^2 in aerobic and HIIT work)") \
    X(RESISTANCE_STIMULUS, resistance_stimulus, "1", "exercise",                               \
      "anabolic (mTOR) signal of recent resistance work, decaying over about two days")        \
    X(LIVER_GLYCOGEN_FILL, liver_glycogen_fill, "1", "liver",                                  \
      "liver glycogen as a fraction of its maximum")                                           \
    X(ETHANOL_NADH, ethanol_nadh, "1", "liver",                                                \
      "restraint of gluconeogenesis and fat oxidation by ethanol's NADH (1: none)")            \
    X(FAT_MASS, fat_mass, "kg", "body", "whole-body fat mass")                                 \
    X(FAT_MASS_RATIO, fat_mass_ratio, "1", "body", "fat mass relative to the reference adult") \
    X(MUSCLE_MASS, muscle_mass, "kg", "body", "skeletal muscle mass")                          \
    X(MUSCLE_MASS_RATIO, muscle_mass_ratio, "1", "body",                                       \
      "skeletal muscle mass relative to its value at the start of the run")                    \
    X(MUSCLE_PROTEOLYSIS, muscle_proteolysis, "1", "body",                                     \
      "fractional muscle protein breakdown relative to a healthy adult at rest")              \
    X(MUSCLE_MITO, muscle_mitochondria, "1", "muscle",                                         \
      "muscle oxidative (mitochondrial) capacity relative to a sedentary adult")               \
    X(IMCL_RATIO, imcl_ratio, "1", "muscle",                                                   \
      "intramyocellular lipid relative to a lean sedentary adult")                             \
    X(LIVER_FAT_PCT, liver_fat_pct, "%", "liver_fat", "intrahepatic triglyceride (MRS scale)") \
    X(LIVER_MITO, liver_mitochondria, "1", "liver_fat",                                        \
      "hepatic oxidative capacity relative to a sedentary adult")                              \
    X(LIVER_INFLAMMATION, liver_inflammation, "0-5", "liver_injury",                           \
      "lobular inflammation plus ballooning (NAFLD activity score without steatosis)")         \
    X(FIBROSIS, fibrosis, "stage 0-4", "liver_injury", "liver fibrosis stage (continuous)")    \
    X(TESTOSTERONE_RATIO, testosterone_ratio, "1", "endocrine",                                \
      "testosterone relative to the typical level for the subject's sex and age")                              \
    X(GH_DRIVE, growth_hormone_drive, "1", "endocrine",                                        \
      "growth hormone secretion relative to the age-typical (therapy)")                   \
    X(GLUCOCORTICOID, glucocorticoid, "1", "endocrine",                                        \
      "glucocorticoid activity relative to normal (1: no excess)")

/* Circulating messengers: each can be blocked or over-expressed from a scenario.
 *   X(ENUM, scenario name, description) */
#define MH_MESSENGER_LIST(X)                                                                     \
    X(IL6, "il6", "interleukin-6 (muscle, adipose)")                                          \
    X(IRISIN, "irisin", "irisin (FNDC5 cleavage, muscle)")                                    \
    X(FGF21, "fgf21", "fibroblast growth factor 21 (liver)")                                  \
    X(ADIPONECTIN, "adiponectin", "adiponectin (adipose)")                                    \
    X(FOLLISTATIN, "follistatin", "follistatin (liver)")                                      \
    X(MYOSTATIN, "myostatin", "myostatin (muscle)")                                           \
    X(CCL2, "ccl2", "C-C motif chemokine ligand 2 / MCP-1 (stressed muscle)")                \
    X(ADM, "adm", "adrenomedullin (injured liver)")                                           \
    X(IGF1, "igf1", "insulin-like growth factor 1 (liver, GH-driven)")

typedef enum mh_messenger {
#define MH_MESSENGER_ENUM(id, name, description) MH_MESSENGER_##id,
    MH_MESSENGER_LIST(MH_MESSENGER_ENUM)
#undef MH_MESSENGER_ENUM
        MH_MESSENGER_COUNT
} mh_messenger;

typedef enum mh_pool {
    MH_POOL_NONE = -1,
#define MH_POOL_ENUM(id, name, amount_unit, conc_unit, description) MH_POOL_##id,
    MH_POOL_LIST(MH_POOL_ENUM)
#undef MH_POOL_ENUM
        MH_POOL_COUNT
} mh_pool;

typedef enum mh_signal {
#define MH_SIGNAL_ENUM(id, name, unit, owner, description) MH_SIGNAL_##id,
    MH_SIGNAL_LIST(MH_SIGNAL_ENUM)
#undef MH_SIGNAL_ENUM
    /* then one signal per messenger, published by the messengers module: its
     * effective plasma level relative to rest (1), after any block or
     * over-expression; this is what target tissues respond to */
    MH_SIGNAL_MESSENGER_FIRST,
    MH_SIGNAL_COUNT = MH_SIGNAL_MESSENGER_FIRST + MH_MESSENGER_COUNT
} mh_signal;

#define MH_SIGNAL_MESSENGER(m) (MH_SIGNAL_MESSENGER_FIRST + (m))

typedef struct mh_shared {
    double amount[MH_POOL_COUNT]; /* pool amounts, amount unit */
    double conc[MH_POOL_COUNT];   /* pool concentrations, concentration unit */
    double rate[MH_POOL_COUNT];      /* d amount/dt per min; complete only in derivatives() */
    double conc_rate[MH_POOL_COUNT]; /* d conc/dt per min; complete only in derivatives() */
    double ref[MH_POOL_COUNT];       /* overnight-fasted reference concentration, 0 if none */
    double signal[MH_SIGNAL_COUNT];
} mh_shared;

/* A messenger's effective level relative to rest, as target tissues see it. */
static inline double mh_messenger_ratio(const mh_shared *s, mh_messenger m)
{
    return s->signal[MH_SIGNAL_MESSENGER(m)];
}

const char *mh_pool_name(mh_pool pool);
const char *mh_pool_amount_unit(mh_pool pool);

#endif
