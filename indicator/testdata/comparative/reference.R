# Independent reference values for the comparative aggregations of
# package indicator (topsis, grey_relational, mpi, fuzzy), computed in
# base R from the published formulas, not from the Go code:
#   Hwang & Yoon (1981) TOPSIS; Deng (1989) grey relational analysis;
#   Mazziotta & Pareto (2016) MPI; 汪培庄 (1983) fuzzy comprehensive
#   evaluation with M(.,+) and M(^,v).
# Run from this directory: Rscript reference.R > reference.out
# (R 4.2.2; base R only). The Go tests quote the numbers printed here.
options(digits = 17)
d <- read.csv("districts.csv", fileEncoding = "UTF-8")
x <- as.matrix(d[, -1]); rownames(x) <- d$unit
polarity <- c(1, 1, -1, 1)   # complaints: lower is better
show <- function(name, v) cat(name, sprintf("%.17g", v), "\n")

# Min-max standardisation with polarity, on [0, 1].
mm <- apply(rbind(x, polarity), 2, function(col) {
  p <- col[length(col)]; v <- col[-length(col)]
  if (p > 0) (v - min(v)) / (max(v) - min(v)) else (max(v) - v) / (max(v) - min(v))
})
rownames(mm) <- rownames(x)

# Entropy weights (Shannon; 0 ln 0 = 0).
entropy_w <- function(m) {
  n <- nrow(m)
  e <- apply(m, 2, function(col) {
    p <- col / sum(col); t <- ifelse(p > 0, p * log(p), 0); -sum(t) / log(n)
  })
  (1 - e) / sum(1 - e)
}

# TOPSIS with impacts (+1 benefit, -1 cost) and a normalisation.
topsis <- function(m, w, impact, vector = TRUE) {
  r <- if (vector) sweep(m, 2, sqrt(colSums(m^2)), "/") else m
  v <- sweep(r, 2, w / sum(w), "*")
  best <- ifelse(impact > 0, apply(v, 2, max), apply(v, 2, min))
  worst <- ifelse(impact > 0, apply(v, 2, min), apply(v, 2, max))
  dp <- sqrt(rowSums(sweep(v, 2, best)^2)); dm <- sqrt(rowSums(sweep(v, 2, worst)^2))
  dm / (dp + dm)
}

we <- entropy_w(mm)
show("entropy_weights", we)
show("topsis_entropy_vector", topsis(mm, we, c(1, 1, 1, 1), TRUE))
show("topsis_entropy_none", topsis(mm, we, c(1, 1, 1, 1), FALSE))
# Classical TOPSIS on the raw values of the three benefit indicators in
# [0, 100] with fixed weights 0.5, 0.3, 0.2.
raw3 <- x[, c("service", "coverage", "satisfaction")]
show("topsis_raw_fixed", topsis(raw3, c(0.5, 0.3, 0.2), c(1, 1, 1), TRUE))

# Grey relational analysis on the min-max standardised data, reference =
# the ideal (column maxima), rho = 0.5 and 0.3; equal and entropy weights.
grey <- function(m, w, rho, ref = apply(m, 2, max)) {
  delta <- abs(sweep(m, 2, ref))
  dmin <- min(delta); dmax <- max(delta)
  xi <- (dmin + rho * dmax) / (delta + rho * dmax)
  drop(xi %*% (w / sum(w)))
}
show("grey_equal_0.5", grey(mm, rep(1, 4), 0.5))
show("grey_entropy_0.3", grey(mm, we, 0.3))
show("grey_ref_0.5", grey(mm, rep(1, 4), 0.5, c(0.9, 0.9, 0.9, 0.9)))

# Mazziotta-Pareto index on the raw values, polarity by sign, population
# standard deviations.
mpi <- function(m, pol, sign = -1) {
  M <- colMeans(m); S <- sqrt(colMeans(sweep(m, 2, M)^2))
  z <- 100 + 10 * sweep(sweep(m, 2, M), 2, pol / S, "*")
  Mz <- rowMeans(z); Sz <- sqrt(rowMeans((z - Mz)^2)); cv <- Sz / Mz
  Mz + sign * Sz * cv
}
show("mpi_negative", mpi(x, polarity, -1))
show("mpi_positive", mpi(x, polarity, 1))

# Adjusted MPI: goalposts Inf = Ref - D, Sup = Ref + D, D = (Max - Min)/2,
# r = (x - Inf)/(Sup - Inf) * 60 + 70 (with polarity, Ref = the mean by
# default); population SD across the indicators.
ampi <- function(m, pol, sign = -1, ref = colMeans(m)) {
  D <- (apply(m, 2, max) - apply(m, 2, min)) / 2
  inf <- ref - D; sup <- ref + D
  r <- sweep(sweep(m, 2, inf), 2, sup - inf, "/") * 60 + 70
  r <- sweep(sweep(r, 2, 100), 2, pol, "*") + 100   # negative polarity mirrors around 100
  Mr <- rowMeans(r); Sr <- sqrt(rowMeans((r - Mr)^2))
  Mr + sign * Sr * (Sr / Mr)
}
show("ampi_negative", ampi(x, polarity, -1))
show("ampi_positive", ampi(x, polarity, 1))
# On the min-max standardised [0, 1] data with reference 0.5 everywhere.
show("ampi_ref_0.5", ampi(mm, c(1, 1, 1, 1), -1, rep(0.5, 4)))

# Fuzzy comprehensive evaluation of the answer shares: factors traffic,
# health, safety with weights 0.5, 0.3, 0.2; grades 很满意 满意 一般 不满意
# 很不满意 with values 100 80 60 40 20.
s <- read.csv("shares.csv", fileEncoding = "UTF-8")
a <- c(0.5, 0.3, 0.2); v <- c(100, 80, 60, 40, 20)
for (op in c("weighted_average", "zadeh")) {
  for (i in seq_len(nrow(s))) {
    R <- matrix(as.numeric(s[i, -1]), nrow = 3, byrow = TRUE)
    R <- R / rowSums(R)
    b <- if (op == "zadeh") {
      bb <- apply(R, 2, function(col) max(pmin(a, col))); bb / sum(bb)
    } else drop(a %*% R)
    cat(op, s$unit[i], "membership", sprintf("%.17g", b), "grade", which.max(b),
        "score", sprintf("%.17g", sum(b * v)), "\n")
  }
}
