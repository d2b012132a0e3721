package survey

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

var writeDegf = flag.String("write-degf", "", "write the replicate weights of TestDegfR's designs to this directory, for testdata/degf/degf.R")

// degfCase is a bootstrap design of TestDegfR: PSUs per stratum, the
// number of respondents in PSU p (1 + p%size), a PSU of zero weight or
// not, a finite-population correction or not, and the replicates.
type degfCase struct {
	name       string
	perStratum []int
	size       int
	zeroPSU    bool
	fpc        bool
	replicates int
}

// degfCases are designs where the rank of the replicate weights is not
// simply the number of replicates: fewer PSUs than replicates, strata of
// two PSUs (whose replicate factors take two values), a PSU of zero
// weight, lambda_h < 1 (fpc), and a full-rank case over many blocks.
var degfCases = []degfCase{
	{"3 strata of 2, 50 replicates", []int{2, 2, 2}, 2, false, false, 50},
	{"40 strata of 2, 100 replicates", rep(40, 2), 3, false, false, 100},
	{"10 strata of 3 with fpc, 25 replicates", rep(10, 3), 4, false, true, 25},
	{"strata of 2 to 6 and a zero-weight PSU, 120 replicates", []int{2, 3, 4, 5, 6, 2, 3, 4, 5, 6}, 3, true, false, 120},
	{"300 strata of 2, 450 replicates", rep(300, 2), 2, false, false, 450},
	{"200 strata of 3, 300 replicates", rep(200, 3), 2, false, false, 300},
	{"one stratum of 150, 400 replicates", []int{150}, 2, false, false, 400},
}

func rep(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// design builds the case's replicate design (seed 5).
func (c degfCase) design(t interface{ Fatal(...any) }) *ReplicateDesign {
	var rs []Respondent
	p := 0
	for h, n := range c.perStratum {
		for j := 0; j < n; j++ {
			for i := 0; i <= p%c.size; i++ {
				w := float64(1 + (p+i)%4)
				if c.zeroPSU && p == 7 {
					w = 0
				}
				r := Respondent{ID: fmt.Sprintf("r%d_%d", p, i), Stratum: strconv.Itoa(h), PSU: strconv.Itoa(p), Weight: w}
				if c.fpc {
					r.FPC = float64(4 * n)
				}
				rs = append(rs, r)
			}
			p++
		}
	}
	d, err := NewDesign(rs, DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rd, err := d.Replicates(context.Background(), ReplicateSettings{Method: Bootstrap, Replicates: c.replicates, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

// TestDegfR: the degrees of freedom of bootstrap replicate designs are
// those of R's degf (survey 4.1-1: qr(weights(design, "analysis"), tol =
// 1e-5)$rank - 1) on the same replicate weights: testdata/degf/degf.R
// reads them (written by go test -run TestDegfR -write-degf DIR) and its
// output is testdata/degf/degf.out. Both the Gram-Cholesky rank and the
// Gram-Schmidt rank it falls back on are checked.
func TestDegfR(t *testing.T) {
	if *writeDegf != "" {
		for k, c := range degfCases {
			writeDegfCase(t, filepath.Join(*writeDegf, fmt.Sprintf("case%d.csv", k)), c.name, c.design(t))
		}
		return
	}
	b, err := os.ReadFile(filepath.Join("testdata", "degf", "degf.out"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		name, v, _ := strings.Cut(l, "\t")
		if want[name], err = strconv.Atoi(v); err != nil {
			t.Fatalf("degf.out: %q", l)
		}
	}
	ctx := context.Background()
	for _, c := range degfCases {
		rd := c.design(t)
		w, ok := want[c.name]
		if !ok {
			t.Errorf("%s: not in degf.out", c.name)
			continue
		}
		fast, err := rd.numericRank(ctx)
		if err != nil {
			t.Fatal(err)
		}
		gs, err := rd.gramSchmidtRank(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if fast-1 != w || gs-1 != w || rd.DF() != w {
			t.Errorf("%s: df %d (Gram-Schmidt %d, DF %d), R's degf %d", c.name, fast-1, gs-1, rd.DF(), w)
		}
	}
}

// writeDegfCase writes the full-sample weight and the replicate weights
// of rd, one row per respondent, with the case's name in the first line.
func writeDegfCase(t testing.TB, path, name string, rd *ReplicateDesign) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fmt.Fprintf(f, "# %s\n", name)
	w := csv.NewWriter(f)
	head := []string{"w"}
	for k := range rd.rep {
		head = append(head, "r"+strconv.Itoa(k))
	}
	w.Write(head)
	for i, wi := range rd.d.w {
		row := []string{strconv.FormatFloat(wi, 'g', -1, 64)}
		for k := range rd.rep {
			row = append(row, strconv.FormatFloat(rd.rep[k][i], 'g', -1, 64))
		}
		w.Write(row)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
}

// TestPropertyRankMethods: the Gram-Cholesky rank equals the
// Gram-Schmidt rank on random bootstrap designs (strata of one to five
// PSUs, some of zero weight, with or without fpc, 2 to 150 replicates:
// full rank, rank bounded by the PSUs, and blocks of 64 columns crossed).
func TestPropertyRankMethods(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		c := degfCase{
			perStratum: rapid.SliceOfN(rapid.IntRange(2, 5), 1, 30).Draw(t, "perStratum"),
			size:       rapid.IntRange(1, 3).Draw(t, "size"),
			zeroPSU:    rapid.Bool().Draw(t, "zeroPSU"),
			fpc:        rapid.Bool().Draw(t, "fpc"),
			replicates: rapid.IntRange(2, 150).Draw(t, "replicates"),
		}
		rd := c.design(t)
		ctx := context.Background()
		fast, err := rd.numericRank(ctx)
		if err != nil {
			t.Fatal(err)
		}
		gs, err := rd.gramSchmidtRank(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if fast != gs {
			t.Fatalf("rank %d, Gram-Schmidt %d", fast, gs)
		}
	})
}

// TestRankNearlyDependent: a column whose residual is close to R's
// threshold (column 2 = column 0 + column 1 + a part of relative size
// 3e-6, or 3e-5) is decided by Gram-Schmidt (rank 2, or 3), and a
// dependent column whose residual is rounding only is left out without it
// (Gram-Schmidt reports its progress after every column, numericRank
// after every block of 64: a report of 1 of 6 is Gram-Schmidt's).
func TestRankNearlyDependent(t *testing.T) {
	t.Parallel()
	var rs []Respondent
	for p := 0; p < 6; p++ {
		rs = append(rs, Respondent{ID: strconv.Itoa(p), PSU: strconv.Itoa(p), Weight: 1})
	}
	d, err := NewDesign(rs, DesignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c0 := []float64{1, 2, 3, 4, 5, 6}
	c1 := []float64{6, 1, 5, 2, 4, 3}
	for _, tc := range []struct {
		eps      float64
		want     int
		fallback bool
	}{{3e-6, 2, true}, {3e-5, 3, true}, {0, 2, false}} {
		c2 := make([]float64, 6)
		for p := range c2 {
			c2[p] = c0[p] + c1[p]
		}
		c2[0] += tc.eps * 16 // |c2| is about 16
		gs := false
		rd := &ReplicateDesign{d: d, method: Bootstrap, rep: [][]float64{c0, c1, c2},
			progress: func(done, total int) { gs = gs || done == 1 }}
		got, err := rd.numericRank(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want || gs != tc.fallback {
			t.Errorf("residual %g: rank %d (Gram-Schmidt %v), want %d (%v)", tc.eps, got, gs, tc.want, tc.fallback)
		}
	}
}
