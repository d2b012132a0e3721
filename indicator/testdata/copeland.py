# Reference for TestCopeland: COINr's outrankMatrix() and a_copeland()
# (R/aggregate.R of the COINr package) transcribed line by line into plain
# Python, on the data of the test. Run: python3 copeland.py
from fractions import Fraction as F

def outrank(X, w):
    s = sum(w); w = [v / s for v in w]
    n = len(X)
    orm = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if i == j:
                orm[i][j] = 0
            elif i > j:
                orm[i][j] = 1 - orm[j][i]
            else:
                orm[i][j] = sum(w[k] for k in range(len(w)) if X[i][k] > X[j][k]) + \
                    sum(w[k] for k in range(len(w)) if X[i][k] == X[j][k]) / 2
    return orm

def copeland(X, w):
    orm = outrank(X, w)
    n = len(X)
    return [sum((1 if orm[i][j] > F(1, 2) else -1 if orm[i][j] < F(1, 2) else 0) for j in range(n) if j != i) for i in range(n)]

X = [[10, 20, 30], [20, 10, 30], [30, 30, 10], [5, 5, 5], [20, 20, 20]]
for w in ([F(1), F(1), F(1)], [F(1), F(1), F(2)], [F(1), F(1), F(0)]):
    print([str(v) for v in w], copeland(X, w))
