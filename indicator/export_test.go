package indicator

// WithoutScoreBounds makes pr's Scores prove nothing finite, so that it
// makes every finiteness check (the code before the bounds of sumBound):
// the reference of TestScoresProvedFinite. Call it before the first
// Scores.
func WithoutScoreBounds(pr *Prepared) { pr.noBounds = true }
