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
    X(IL6_RATIO, il6_ratio, "1", "messengers", "plasma IL-6 relative to its resting level")   \
    X(FRUCTOSE_ABSORPTION, fructose_absorption, "mg/kg/min", "gut",                            \
      "absorbed fructose, all taken up by the liver on first pass")

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
        MH_SIGNAL_COUNT
} mh_signal;

typedef struct mh_shared {
    double amount[MH_POOL_COUNT]; /* pool amounts, amount unit */
    double conc[MH_POOL_COUNT];   /* pool concentrations, concentration unit */
    double rate[MH_POOL_COUNT];      /* d amount/dt per min; complete only in derivatives() */
    double conc_rate[MH_POOL_COUNT]; /* d conc/dt per min; complete only in derivatives() */
    double ref[MH_POOL_COUNT];       /* overnight-fasted reference concentration, 0 if none */
    double signal[MH_SIGNAL_COUNT];
} mh_shared;

const char *mh_pool_name(mh_pool pool);
const char *mh_pool_amount_unit(mh_pool pool);

#endif
