package main

import (
	"context"
	"fmt"

	"github.com/ppgpa/ppgpa/survey"
)

// rakeDesign rakes des to the population margins of file (the MARGINS of
// the rake command), taking each margin's variable from column, so that
// replicate weights redo the raking in every replicate (R: as.svrepdesign
// then rake).
func (e *env) rakeDesign(ctx context.Context, des *survey.Design, file string, column func(string) ([]string, error)) (*survey.Design, error) {
	b, err := e.readTabular(file)
	if err != nil {
		return nil, err
	}
	ts, err := readTargets(displayName(file), b)
	if err != nil {
		return nil, err
	}
	var margins []survey.Margin
	for k := 0; k < len(ts); {
		v := ts[k].Variable
		pop := map[string]float64{}
		for ; k < len(ts) && ts[k].Variable == v; k++ {
			if ts[k].Numeric {
				return nil, fmt.Errorf("%s: %s: raking needs level counts, not a numeric total", displayName(file), v)
			}
			pop[ts[k].Level] = ts[k].Total
		}
		vals, err := column(v)
		if err != nil {
			return nil, err
		}
		m, err := survey.NewMargin(v, vals, pop)
		if err != nil {
			return nil, fmt.Errorf("%s: %s", displayName(file), trimSurvey(err))
		}
		margins = append(margins, m)
	}
	raked, _, err := des.Rake(ctx, margins, survey.RakeSettings{})
	if err != nil {
		return nil, fmt.Errorf("%s: raking: %s", displayName(file), trimSurvey(err))
	}
	return raked, nil
}
