# Harker (1987) completion of an incomplete pairwise comparison matrix and
# Saaty's (2003) revision rule: the known judgment with the largest
# deviation a_ij w_j / w_i from the completed matrix's ratio w_i / w_j is
# moved to the value of Saaty's scale nearest w_i / w_j.
harker <- function(A) {
  n <- nrow(A); C <- A; C[is.na(C)] <- 0
  for (i in 1:n) C[i, i] <- 1 + sum(is.na(A[i, -i]))
  e <- eigen(C); k <- which.max(Re(e$values))
  w <- abs(Re(e$vectors[, k])); list(w = w / sum(w), lambda = Re(e$values[k]))
}
scale <- c(1/(9:2), 1:9)
A <- matrix(c(1, 2, 4, NA,
              1/2, 1, 6, 4,
              1/4, 1/6, 1, 2,
              NA, 1/4, 1/2, 1), 4, byrow = TRUE)
RI <- 0.90
h <- harker(A); w <- h$w
cat(sprintf("w = %.12f %.12f %.12f %.12f  lambda = %.12f  CR = %.12f\n", w[1], w[2], w[3], w[4], h$lambda, (h$lambda - 4) / 3 / RI))
for (i in 1:3) for (j in (i + 1):4) if (!is.na(A[i, j])) {
  t <- w[i] / w[j]; v <- scale[which.min(abs(log(scale) - log(t)))]
  B <- A; B[i, j] <- v; B[j, i] <- 1 / v; r <- harker(B)
  cat(sprintf("a%d%d = %g  dev %.12f  |ln| %.12f  target %.12f  -> %g  lambda %.12f  CR %.12f\n",
              i, j, A[i, j], A[i, j] * w[j] / w[i], abs(log(A[i, j] * w[j] / w[i])), t, v, r$lambda, (r$lambda - 4) / 3 / RI))
}

# The second matrix: a_23 = 1/3 (a_32 = 3).
A[2, 3] <- 1/3; A[3, 2] <- 3
h <- harker(A); w <- h$w
cat(sprintf("w = %.12f %.12f %.12f %.12f  lambda = %.12f  CR = %.12f\n", w[1], w[2], w[3], w[4], h$lambda, (h$lambda - 4) / 3 / RI))
for (i in 1:3) for (j in (i + 1):4) if (!is.na(A[i, j])) {
  t <- w[i] / w[j]; v <- scale[which.min(abs(log(scale) - log(t)))]
  B <- A; B[i, j] <- v; B[j, i] <- 1 / v; r <- harker(B)
  cat(sprintf("a%d%d = %g  dev %.12f  |ln| %.12f  target %.12f  -> %g  lambda %.12f  CR %.12f\n",
              i, j, A[i, j], A[i, j] * w[j] / w[i], abs(log(A[i, j] * w[j] / w[i])), t, v, r$lambda, (r$lambda - 4) / 3 / RI))
}
