#!/usr/bin/env python3
"""Time simglucose's UVA/Padova T1D patient model over one day of meals.

Our own driver (no simglucose code is copied here). simglucose is fetched and
unpacked under /tmp (bench/peers/simglucose/README.md); its patient model,
simglucose/patient/t1dpatient.py (T1DPatient, 13 states, scipy ode 'dopri5',
stepped one minute at a time), runs unchanged.

The protocol matches bench/one-day.yaml: one day (1440 one-minute steps),
meals at 07:30, 12:30 and 19:00 carrying CARBS_G grams of carbohydrate each
(what myohep gives its default subject). As simglucose's own environment does
(simulation/env.py with scenario/custom_scenario.py), a meal is announced in
one minute's Action and the patient eats it at its EAT_RATE (5 g/min); insulin
is the basal rate u2ss*BW/6000 U/min plus, in the meal minute, the bolus of
simglucose's basal-bolus controller (controller/basal_bolus_ctrller.py:
carbohydrate / CR + (BG > 150) (BG - 140) / CF, the patient's Quest.csv
values; read here from the patient's own BG rather than a noisy CGM).

simglucose/__init__.py only registers a gym environment (and imports gym).
So that the model can be imported without gym, the package 'simglucose' is
entered in sys.modules as a plain package pointing at the unpacked source
directory, without running that __init__; every module of the model itself
(patient/__init__.py, patient/base.py, patient/t1dpatient.py) is imported and
run as shipped.

Usage: python3 bench_simglucose.py [--src /tmp/simglucose] [--patient adult#001]
                                  [--repeat 7] [--carbs 108.82]
Prints one line per repetition (seconds for one simulated day, in process)
and a summary line with median, min and max.
"""
import argparse
import os
import statistics
import sys
import time
import types


def import_patient(src):
    pkg_dir = os.path.join(src, "simglucose")
    if not os.path.isfile(os.path.join(pkg_dir, "patient", "t1dpatient.py")):
        sys.exit(f"simglucose source not found under {src} (see bench/peers/simglucose/README.md)")
    pkg = types.ModuleType("simglucose")
    pkg.__path__ = [pkg_dir]
    pkg.__file__ = os.path.join(pkg_dir, "__init__.py")  # for pkg_resources' params/ lookup
    sys.modules["simglucose"] = pkg
    sys.path.insert(0, src)
    from simglucose.patient.t1dpatient import T1DPatient, Action  # noqa: E402
    import pandas as pd
    quest = pd.read_csv(os.path.join(pkg_dir, "params", "Quest.csv"))
    return T1DPatient, Action, quest


def one_day(T1DPatient, Action, quest_row, name, carbs_g, meal_minutes):
    p = T1DPatient.withName(name)
    basal = p._params.u2ss * p._params.BW / 6000.0  # U/min, as BBController
    cr, cf = float(quest_row.CR), float(quest_row.CF)
    bg = []
    for minute in range(1440):
        cho = carbs_g if minute in meal_minutes else 0.0
        insulin = basal
        if cho > 0:
            glucose = p.observation.Gsub
            insulin += cho / cr + (glucose > 150) * (glucose - 140) / cf
        p.step(Action(CHO=cho, insulin=insulin))
        bg.append(p.observation.Gsub)
    return p, bg


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default="/tmp/simglucose")
    ap.add_argument("--patient", default="adult#001")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--carbs", type=float, default=108.82)
    a = ap.parse_args()
    t_import = time.perf_counter()
    T1DPatient, Action, quest = import_patient(a.src)
    t_import = time.perf_counter() - t_import
    row = quest.loc[quest.Name == a.patient].squeeze()
    meals = {7 * 60 + 30, 12 * 60 + 30, 19 * 60}
    times = []
    for r in range(a.repeat):
        t0 = time.perf_counter()
        p, bg = one_day(T1DPatient, Action, row, a.patient, a.carbs, meals)
        dt = time.perf_counter() - t0
        times.append(dt)
        print(f"run {r + 1}: {dt * 1000:.1f} ms for one simulated day "
              f"({len(p.state)} states; BG min {min(bg):.0f} max {max(bg):.0f} mg/dL, t = {p.t:.0f} min)")
    print(f"simglucose {a.patient}: median {statistics.median(times) * 1000:.1f} ms per simulated day "
          f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}; {a.repeat} runs; "
          f"import {t_import * 1000:.0f} ms, not counted)")


if __name__ == "__main__":
    main()
