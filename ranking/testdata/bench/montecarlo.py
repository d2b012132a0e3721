"""montecarlo.py -- numpy version of BenchmarkMonteCarlo (ranking/bench_test.go).

The peer comparison of the Monte Carlo row of the performance table: 300
units x 50 indicators (5 groups of 10 min-max leaves, group weights 1..5,
leaf weights 1 + l % 3), 10,000 replications, every weight perturbed
uniformly by +-25% at both levels and renormalised, and (case
"arithmetic_or_geometric") one coordinate per replication choosing the
weighted arithmetic or geometric mean (offset 1) for every group. Each
replication's scores are ranked highest first, neighbours within the
default relative tolerance 1e-12 tied with their average rank, and the
ranks counted per unit; the summary is the nominal rank, the median, the
mean, the 5th and 95th percentiles (inverse empirical CDF) and the mean
absolute rank shift, as ranking.MonteCarlo reports them.

It does the library's work the way numpy is meant to be used: the
replications go in chunks of 1,000 as matrices (weights as a chunk x k
array, group scores by matrix products, ranks by one argsort per chunk).
The data are uniform on [1, 100) from numpy's own generator, not the Go
benchmark's values: the work does not depend on them.

Run: /usr/bin/python3 ranking/testdata/bench/montecarlo.py [runs]
(Debian python3-numpy; measured with numpy 1.24.2.)
It prints the median wall and processor times of `runs` (default 5)
complete analyses per case, in milliseconds, for comparison with
BenchmarkMonteCarlo's ns/op (the library on all cores: run the Go
benchmark without -cpu) and cpu-ns/op (on a loaded machine).
"""
import sys
import time

import numpy as np

N, G, K, R, CHUNK, AMOUNT, RELTOL = 300, 5, 10, 10000, 1000, 0.25, 1e-12


def setup(seed=1):
    rng = np.random.default_rng(seed)
    x = 1 + 99 * rng.random((G, K, N))
    lo = x.min(axis=2, keepdims=True)
    hi = x.max(axis=2, keepdims=True)
    y = 100 * (x - lo) / (hi - lo)           # min-max scores
    ly = np.log(y + 1)                        # ln(y + 1), computed once
    top = np.arange(1, G + 1, dtype=float)
    top /= top.sum()
    sub = np.tile(1 + np.arange(K) % 3, (G, 1)).astype(float)
    sub /= sub.sum(axis=1, keepdims=True)
    return y, ly, top, sub


def aggregate(y, ly, wt, ws, geo):
    """Root scores (chunk x N) for weights wt (chunk x G), ws (chunk x G x K)."""
    c = wt.shape[0]
    out = np.empty((c, N))
    for mask, g in ((~geo, False), (geo, True)):
        if not mask.any():
            continue
        w, v = wt[mask], ws[mask]
        src = ly if g else y
        s = np.einsum('cgk,gkn->cgn', v, src, optimize=True)   # group terms
        if g:
            s = np.exp(s) - 1
            out[mask] = np.exp(np.einsum('cg,cgn->cn', w, np.log(s + 1))) - 1
        else:
            out[mask] = np.einsum('cg,cgn->cn', w, s)
    return out


def rank(scores):
    """Average ranks (highest first) with the relative tie tolerance."""
    c, n = scores.shape
    order = np.argsort(-scores, axis=1, kind='stable')
    s = np.take_along_axis(scores, order, axis=1)
    a, b = s[:, :-1], s[:, 1:]
    linked = (a == b) | (np.abs(a - b) <= RELTOL * np.maximum(np.abs(a), np.abs(b)))
    pos = np.broadcast_to(np.arange(n), (c, n))
    start = np.ones((c, n), dtype=bool)
    start[:, 1:] = ~linked
    first = np.maximum.accumulate(np.where(start, pos, 0), axis=1)
    end = np.ones((c, n), dtype=bool)
    end[:, :-1] = ~linked
    last = np.minimum.accumulate(np.where(end, pos, n)[:, ::-1], axis=1)[:, ::-1]
    avg = (first + last + 2) / 2.0
    ranks = np.empty_like(avg)
    np.put_along_axis(ranks, order, avg, axis=1)
    return ranks


def analysis(y, ly, top, sub, geometric, seed=0):
    rng = np.random.default_rng(seed)
    width = 2 * N - 1
    nominal = rank(aggregate(y, ly, top[None, :], sub[None, :, :], np.zeros(1, dtype=bool)))[0]
    hist = np.zeros(N * width, dtype=np.int64)
    shift = np.empty(R)
    base = np.arange(N) * width
    for c0 in range(0, R, CHUNK):
        c = min(CHUNK, R - c0)
        u = rng.random((c, G + G * K + (1 if geometric else 0)))
        wt = top * (1 + AMOUNT * (2 * u[:, :G] - 1))
        wt /= wt.sum(axis=1, keepdims=True)
        ws = sub * (1 + AMOUNT * (2 * u[:, G:G + G * K].reshape(c, G, K) - 1))
        ws /= ws.sum(axis=2, keepdims=True)
        geo = u[:, -1] >= 0.5 if geometric else np.zeros(c, dtype=bool)
        r = rank(aggregate(y, ly, wt, ws, geo))
        hist += np.bincount((base + (2 * r - 2).astype(np.int64)).ravel(), minlength=N * width)
        shift[c0:c0 + c] = np.abs(r - nominal).mean(axis=1)
    h = hist.reshape(N, width)
    cum = np.cumsum(h, axis=1)
    ranks = (np.arange(width) + 2) / 2.0
    need = lambda q: max(int(np.ceil(q * R - 1e-9)), 1)
    pct = {q: ranks[np.argmax(cum >= need(q), axis=1)] for q in (0.05, 0.5, 0.95)}
    mean = (h * ranks).sum(axis=1) / R
    return nominal, pct[0.5], mean, pct[0.05], pct[0.95], shift.mean()


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    y, ly, top, sub = setup()
    print(f"numpy {np.__version__}, {N} units x {G * K} indicators, {R} replications, median of {runs} runs")
    for name, geometric in (("arithmetic_or_geometric", True), ("arithmetic", False)):
        wall, cpu = [], []
        for k in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            analysis(y, ly, top, sub, geometric, seed=k)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        wall.sort()
        cpu.sort()
        print(f"{name}: {1e3 * wall[len(wall) // 2]:.1f} ms wall, {1e3 * cpu[len(cpu) // 2]:.1f} ms cpu")


if __name__ == "__main__":
    main()
