"""scikit-learn side of the evaluate() bench: roc_auc_score + log_loss on the y/p float64 files Gauntlet's bench wrote; prints JSON."""
import json
import resource
import sys
import time

import numpy as np
from sklearn.metrics import log_loss, roc_auc_score


def main():
    d = sys.argv[1]
    y = np.fromfile(f"{d}/y.f64", dtype="<f8")
    p = np.fromfile(f"{d}/p.f64", dtype="<f8")
    t0, c0 = time.perf_counter(), time.process_time()
    auc = roc_auc_score(y, p)
    loss = log_loss(y, p)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpuSeconds": cpu, "peakMB": peak, "auc": float(auc), "logloss": float(loss)}))


if __name__ == "__main__":
    main()
