"""XGBoost side of the GBDT bench: read the data Gauntlet's bench wrote, fit hist with matched settings, print JSON."""
import json
import resource
import sys
import time

import numpy as np
import xgboost as xgb
from sklearn.metrics import roc_auc_score


def read_part(d, name, n, f):
    X = np.fromfile(f"{d}/{name}.row.f64", dtype="<f8").reshape(n, f)
    y = np.fromfile(f"{d}/{name}.y.f64", dtype="<f8")
    return X, y


def latency(model, X, calls=2000):
    times = []
    for c in range(calls):
        row = X[c % X.shape[0]: c % X.shape[0] + 1]
        t0 = time.perf_counter_ns()
        model.get_booster().inplace_predict(row)
        times.append((time.perf_counter_ns() - t0) / 1000)
    warm = sorted(times[calls // 10:])
    return {"p50us": warm[len(warm) // 2], "p99us": warm[int(len(warm) * 0.99)]}


def main():
    d, settings = sys.argv[1], json.loads(sys.argv[2])
    meta = json.load(open(f"{d}/meta.json"))
    f = len(meta["features"])
    X, y = read_part(d, "train", meta["nTrain"], f)
    Xt, yt = (X, y) if meta["testIsTrain"] else read_part(d, "test", meta["nTest"], f)
    model = xgb.XGBClassifier(
        tree_method="hist", n_estimators=settings["rounds"], max_depth=settings["depth"],
        learning_rate=settings["learningRate"], max_bin=settings["maxBin"], n_jobs=settings["threads"], random_state=0,
    )
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    model.fit(X, y)
    seconds = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    p = model.predict_proba(Xt)[:, 1]
    out = {"seconds": seconds, "cpuSeconds": cpu, "peakMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "auc": float(roc_auc_score(yt, p))}
    if settings.get("latency"):
        out["latency"] = latency(model, Xt)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
