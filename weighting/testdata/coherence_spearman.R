# Reference values of TestCoherenceSpearmanR: R 4.2, cor(method = "spearman").
# Run: Rscript weighting/testdata/coherence_spearman.R
x <- cbind(c(3,1,4,1,5,9,2,6,5,3), c(2,7,1,8,2,8,1,8,2,8), c(10,9,8,7,6,5,4,3,2,1), c(1,1,2,3,5,8,13,21,34,55))
idx <- rowMeans(x)
g1 <- rowMeans(x[,1:2]); g2 <- rowMeans(x[,3:4])
options(digits=17)
print(cor(x, method="spearman"))
print(cor(x, idx, method="spearman"))
print(cor(x, cbind(g1,g2), method="spearman"))
print(cor(cbind(g1,g2), idx, method="spearman"))
