# Reference for TestSkewKurtosisCOINr: COINr's winsorise() and log_CT()
# (R/treat.R of the COINr package, Treat defaults winmax 5, skew_thresh 2,
# kurt_thresh 3.5, f2 = "log_CT" applied to the untreated values),
# transcribed line by line into plain Python. Run: python3 coinr_winsorise.py
import math

def skew(x):
    n = len(x); m = sum(x) / n; d = [v - m for v in x]
    y = math.sqrt(n) * sum(v**3 for v in d) / sum(v**2 for v in d) ** 1.5
    return y * math.sqrt(n * (n - 1)) / (n - 2)

def kurt(x):
    n = len(x); m = sum(x) / n; d = [v - m for v in x]
    r = n * sum(v**4 for v in d) / sum(v**2 for v in d) ** 2
    return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))

def passing(x, st=2, kt=3.5):
    return abs(skew(x)) < st or kurt(x) < kt

def winsorise(x, winmax=5):
    x = list(x); nwin = 0; imax = []; imin = []
    p = passing(x)
    while not p and nwin < winmax:
        if skew(x) >= 0:
            mx = max(x); imax = [i for i, v in enumerate(x) if v == mx]
            nxt = max(v for i, v in enumerate(x) if i not in imax)
            for i in imax: x[i] = nxt
        else:
            mn = min(x); imin = [i for i, v in enumerate(x) if v == mn]
            nxt = min(v for i, v in enumerate(x) if i not in imin)
            for i in imin: x[i] = nxt
        nwin = len(imax) + len(imin)
        p = passing(x)
    return x, nwin, p

def log_ct(x):
    lo, hi = min(x), max(x)
    return [math.log(v - lo + 0.01 * (hi - lo)) for v in x]

for name, x in [("five", list(range(1, 41)) + [100 * 2**i for i in range(6)]),
                ("fallback", list(range(1, 41)) + [100 * 3**i for i in range(9)])]:
    w, nwin, p = winsorise(x)
    print(name, "nwin", nwin, "pass", p, "tail", w[-9:], "skew", repr(skew(w)), "kurt", repr(kurt(w)))
    if not p:
        l = log_ct(x)
        print(name, "log_CT", [repr(v) for v in l[:2] + l[-9:]], "skew", repr(skew(l)), "kurt", repr(kurt(l)))
