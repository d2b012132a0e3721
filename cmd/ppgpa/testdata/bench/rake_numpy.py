"""Rakes respondents to margins with numpy, as `ppgpa rake` does, for a
side-by-side timing of the same job (see gen_respondents.py):

    python3 rake_numpy.py respondents.csv margins.json > weights.csv

It reads the id, weight and margin columns with numpy.loadtxt, codes each
margin's levels (numpy.unique), runs iterative proportional fitting on the
cells of the cross-classification (numpy.bincount), stops when the largest
relative margin error is below 1e-10 (ppgpa's default), and writes id,
design_weight, weight, g with Python's shortest round-trip float text. The
weights agree with ppgpa's to rounding (the summation order differs).
"""
import json
import sys
import time

import numpy as np

t0 = time.perf_counter()
resp, marg = sys.argv[1], sys.argv[2]
with open(marg, encoding="utf-8") as f:
    margins = json.load(f)
with open(resp, encoding="utf-8") as f:
    header = f.readline().strip().split(",")
names = list(margins)
cols = [header.index("id"), header.index("weight")] + [header.index(v) for v in names]
data = np.loadtxt(resp, delimiter=",", dtype=str, skiprows=1, usecols=cols, encoding="utf-8")
ids, d = data[:, 0], data[:, 1].astype(float)
key = np.zeros(len(d), dtype=np.int64)
codes, targets = [], []
for k, v in enumerate(names):
    levels = sorted(margins[v])
    u, inv = np.unique(data[:, 2 + k], return_inverse=True)
    if not set(u) <= set(levels):
        sys.exit("%s: level without a population count" % v)
    remap = np.array([levels.index(x) for x in u])
    codes.append(remap[inv])
    targets.append(np.array([margins[v][x] for x in levels], dtype=float))
    key = key * len(levels) + codes[-1]
t1 = time.perf_counter()
cells, cell = np.unique(key, return_inverse=True)
total = np.bincount(cell, weights=d)
cellcodes = [np.zeros(len(cells), dtype=np.int64) for _ in names]
for k in range(len(names)):
    cellcodes[k][cell] = codes[k]
factor = np.ones(len(cells))
for it in range(100):
    for k in range(len(names)):
        s = np.bincount(cellcodes[k], weights=total * factor, minlength=len(targets[k]))
        factor *= (targets[k] / s)[cellcodes[k]]
    worst = max(np.max(np.abs(np.bincount(cellcodes[k], weights=total * factor, minlength=len(targets[k])) - targets[k]) / targets[k]) for k in range(len(names)))
    if worst < 1e-10:
        break
w = d * factor[cell]
g = w / d
t2 = time.perf_counter()
out = sys.stdout
out.write("id,design_weight,weight,g\n")
out.write("".join("%s,%r,%r,%r\n" % r for r in zip(ids.tolist(), d.tolist(), w.tolist(), g.tolist())))
t3 = time.perf_counter()
print("rake_numpy: %d respondents, %d sweeps; read %.2f s, rake %.2f s, write %.2f s" % (len(d), it + 1, t1 - t0, t2 - t1, t3 - t2), file=sys.stderr)
