# R's degrees of freedom of the bootstrap replicate designs of TestDegfR
# (survey/replicate_degf_r_test.go), on the replicate weights the Go code
# makes:
#
#   go test ./survey -run TestDegfR -write-degf /tmp/degf
#   Rscript survey/testdata/degf/degf.R /tmp/degf > survey/testdata/degf/degf.out
#
# Each design is given to svrepdesign as it is (type "bootstrap", the
# replicate weights as combined weights) and degf() computes
# qr(weights(design, "analysis"), tol = 1e-5)$rank - 1.
suppressMessages(library(survey))
dir <- commandArgs(TRUE)[1]
files <- list.files(dir, pattern = "^case[0-9]+\\.csv$", full.names = TRUE)
files <- files[order(as.integer(gsub("\\D", "", basename(files))))]
for (f in files) {
  name <- sub("^# ", "", readLines(f, n = 1))
  d <- read.csv(f, skip = 1)
  des <- svrepdesign(data = d, weights = ~w, repweights = "r[0-9]+", type = "bootstrap", combined.weights = TRUE)
  cat(name, "\t", degf(des), "\n", sep = "")
}
