package main

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/ppgpa/ppgpa/examples/exdata"
	"github.com/ppgpa/ppgpa/indicator"
)

// localities glosses the eight documented localities of localities.csv.
var localities = map[string]string{
	"杭州": "Hangzhou", "南京": "Nanjing", "青岛": "Qingdao", "滨州": "Binzhou",
	"广东": "Guangdong, SCUT", "福建": "Fujian", "深圳": "Shenzhen", "广西": "Guangxi",
}

// comparison is the number of synthetic comparison cities.
const comparison = 7

// table returns the data: the eight documented localities coded from
// the sources of README.md (localities.csv; NA = not documented) followed by seven
// synthetic comparison cities 对照城市A..G drawn from the seed:
//
//	groups          uniform on 1..10
//	sample          exp(U(ln 2000, ln 50000))
//	stages          uniform on 1..4
//	followup        Bernoulli(0.5)
//	channels        uniform on 1..5
//	open_entry      Bernoulli(0.5)
//	share           U(0.1, 0.6)
//	consequence     0, 0.5 or 1 with probability 0.3, 0.5, 0.2
//	ranking_public  Bernoulli(0.7)
//	report_public   Bernoulli(0.5)
//
// each value missing with probability 0.1. City k draws from stream k.
// synthetic reports which units are synthetic.
func table(csvData []byte, seed uint64) (t *indicator.Table, synthetic []bool, err error) {
	doc, err := indicator.ReadCSV(bytes.NewReader(csvData), indicator.CSVOptions{})
	if err != nil {
		return nil, nil, err
	}
	cols := doc.Columns()
	ids := doc.Units()
	data := make([][]float64, len(ids))
	for u := range ids {
		for j := range cols {
			data[u] = append(data[u], doc.Value(u, j))
		}
		synthetic = append(synthetic, false)
	}
	for k := 0; k < comparison; k++ {
		r := exdata.New(seed, uint64(k))
		row := make([]float64, len(cols))
		for j, c := range cols {
			row[j] = draw(r, c)
			if r.Float64() < 0.1 {
				row[j] = math.NaN()
			}
		}
		ids = append(ids, fmt.Sprintf("对照城市%c", 'A'+k))
		data = append(data, row)
		synthetic = append(synthetic, true)
	}
	t, err = indicator.NewTable(ids, cols, data)
	return t, synthetic, err
}

// draw draws one synthetic value of column c (see table).
func draw(r *rand.Rand, c string) float64 {
	bern := func(p float64) float64 {
		if r.Float64() < p {
			return 1
		}
		return 0
	}
	switch c {
	case "groups":
		return float64(1 + r.IntN(10))
	case "sample":
		lo, hi := exdata.Log(2000), exdata.Log(50000)
		return math.Round(exdata.Exp(lo + float64((hi-lo)*r.Float64())))
	case "stages":
		return float64(1 + r.IntN(4))
	case "channels":
		return float64(1 + r.IntN(5))
	case "share":
		return math.Round(100*(0.1+float64(0.5*r.Float64()))) / 100
	case "consequence":
		switch v := r.Float64(); {
		case v < 0.3:
			return 0
		case v < 0.8:
			return 0.5
		}
		return 1
	case "ranking_public":
		return bern(0.7)
	}
	return bern(0.5) // followup, open_entry, report_public
}

// gloss returns the English gloss of a unit.
func gloss(id string) string {
	if g, ok := localities[id]; ok {
		return g
	}
	return "synthetic city " + string([]rune(id)[4:])
}
