package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/ppgpa/ppgpa/ranking/report"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/indicator/tabular"

	"github.com/ppgpa/ppgpa/weighting"
)

func ahpCommand() *command {
	return &command{
		name:    "ahp",
		args:    "MATRIX.csv [MATRIX.csv ...]",
		summary: "AHP weights, λmax, CI, CR (with the RI table named) and the most inconsistent judgments",
		long:    true, // the suggested revisions: minutes beyond about 80 criteria
		example: `A matrix file is a square CSV of judgments a_ij (importance of row i over
column j): numbers or fractions such as 1/3. An optional first row holds the
criteria names (with an optional empty corner cell when the rows are
labelled too), and an optional first column the row labels, which must
name the same criteria as the columns, in the same order. Caption rows
above the matrix and a serial-number column (序号) before it are left
out, as in every table the commands read. Cells below the
diagonal may be left empty: they are the reciprocals of the cells above it.
A pair left empty on both sides is a missing judgment: an incomplete matrix
is analysed by Harker's method, or with -completion optimal by the
completion that minimises λmax (Bozóki, Fülöp and Rónyai 2010, as AHPy). Several files are several judges'
matrices of the same criteria, combined by -group; their criteria are
matched by name (the files may list them in different orders).

RI tables (-ri): saaty1980 (default), saaty2005, cn_textbook,
donegan_dodd1991 (to n = 100), alonso_lamata2006 (their formula, every n),
alonso_lamata2006_table (their table, n <= 15).

The report also lists the judgments to revise, with the value of Saaty's
1-9 scale to give each and the CR it gives (all in JSON; in the table when
CR exceeds 0.10): for a complete matrix (or several judges) those whose
change lowers CR the most; for an incomplete one, by Saaty's rule on the
completed matrix, those furthest from its ratio w_i/w_j, each moved to
the value of the scale nearest that ratio.


The table is in Chinese (-lang en for English, -lang both for both); the
keys of -format json stay as they are whatever -lang says. -format xlsx
writes a workbook of one sheet per table (weights, consistency, judges,
most inconsistent judgments, every suggested revision), headed in the
words of -lang.

Examples:
  ppgpa ahp criteria.csv
  ppgpa ahp -ri cn_textbook -method geometric_mean criteria.csv
  ppgpa ahp -completion optimal incomplete.csv
  ppgpa ahp -group aip_geometric -judge-weights 2,1,1 judge1.csv judge2.csv judge3.csv`,
		flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			var method, ri, group, scale, judgeWeights, completion string
			var maxCR, excludeCR float64
			var top int
			var o output
			var f format
			fs.StringVar(&method, "method", "eigenvector", "priority `method`: eigenvector or geometric_mean")
			fs.StringVar(&ri, "ri", "saaty1980", "random-index `table` for CR")
			fs.StringVar(&scale, "scale", "any", "accepted judgments: any (positive numbers) or saaty (1..9 and reciprocals)")
			fs.StringVar(&completion, "completion", "harker", "`method` for missing judgments: harker or optimal (λmax-minimising)")
			fs.StringVar(&group, "group", "aij", "combination of several judges: aij, aip_geometric or aip_arithmetic")
			fs.StringVar(&judgeWeights, "judge-weights", "", "comma-separated `weights` of the judges (default equal)")
			fs.Float64Var(&excludeCR, "exclude-cr", 0, "leave out judges whose own CR exceeds this `ratio` (0: keep all)")
			fs.Float64Var(&maxCR, "max-cr", 0, "exit with status 1 when CR exceeds this `ratio` (e.g. 0.1; 0: no check)")
			fs.IntVar(&top, "top", 3, "number of most inconsistent judgments to list")
			o.register(fs)
			(&inputFlags{}).registerReading(fs)
			f.register(fs, "table", "table", "json", "xlsx")
			lang := langFlag(fs, "the table")
			return func(ctx context.Context, e *env, args []string) error {
				if err := f.check(); err != nil {
					return err
				}
				if len(args) == 0 {
					return usagef("want at least one matrix file")
				}
				var s weighting.AHPSettings
				if err := s.Priority.UnmarshalText([]byte(method)); err != nil {
					return usagef("-method: %v", err)
				}
				if err := s.RI.UnmarshalText([]byte(ri)); err != nil {
					return usagef("-ri: %v", err)
				}
				if err := s.Scale.UnmarshalText([]byte(scale)); err != nil {
					return usagef("-scale: %v", err)
				}
				if err := s.Completion.UnmarshalText([]byte(completion)); err != nil {
					return usagef("-completion: %v", err)
				}
				var gm weighting.GroupMethod
				if err := gm.UnmarshalText([]byte(group)); err != nil {
					return usagef("-group: %v", err)
				}
				if top < 0 || maxCR < 0 || excludeCR < 0 || math.IsNaN(maxCR) || math.IsNaN(excludeCR) {
					return usagef("-top, -max-cr and -exclude-cr must not be negative")
				}
				var jw []float64
				if judgeWeights != "" {
					var err error
					if jw, err = parseFloats(judgeWeights); err != nil {
						return usagef("-judge-weights: %v", err)
					}
					if len(jw) != len(args) {
						return usagef("-judge-weights has %d weights for %d judges", len(jw), len(args))
					}
				}
				var ms []*judgmentMatrix
				for _, a := range args {
					b, err := e.readTabular(a)
					if err != nil {
						return err
					}
					m, err := readMatrix(displayName(a), b)
					if err != nil {
						return err
					}
					if len(ms) > 0 {
						if m, err = matchCriteria(m, ms[0]); err != nil {
							return err
						}
					}
					ms = append(ms, m)
				}
				e.prog.phase("suggested revisions", 0)
				rep, err := interruptible(ctx, func() (*ahpReport, error) {
					return analyseAHP(ms, jw, s, weighting.GroupSettings{Method: gm, ExcludeCR: excludeCR, AHP: s}, top, e.prog.update)
				})
				if err != nil {
					return err
				}
				switch {
				case f.name == "json":
					err = writeJSON(&o.buf, rep)
				case f.xlsx:
					// One sheet per table, written here: flush stages
					// the workbook as it is.
					f.xlsx, f.name = false, "xlsx"
					err = rep.writeXLSX(&o.buf, *lang)
				default:
					rep.writeTable(&o.buf, *lang)
				}
				if err != nil {
					return err
				}
				if err := o.flush(e); err != nil {
					return err
				}
				if maxCR > 0 && rep.CR > maxCR {
					// The report is complete: it is written, and the
					// exit status says the judgments fail the check.
					if err := e.commit(); err != nil {
						return err
					}
					return &failure{[]string{fmt.Sprintf("CR %.4f exceeds -max-cr %s: revise the judgments listed", rep.CR, num(maxCR))}}
				}
				return nil
			}
		},
	}
}

// parseFloats parses a comma-separated list of numbers.
func parseFloats(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%q is not a finite number", strings.TrimSpace(f))
		}
		out = append(out, v)
	}
	return out, nil
}

// judgmentMatrix is a pairwise comparison matrix read from a file, with
// where its cells are in the file.
type judgmentMatrix struct {
	file     string
	names    []string
	named    bool // names come from the file (header or row labels)
	a        *mat.Dense
	pos      []int // pos[i] is the file row (and column) of criterion i, 0-based
	lines    []int // lines[k] is the file line of the matrix's row k
	col0     int   // index of the matrix's column 0 among the columns kept (1 with row labels)
	dropped  []int // 0-based file columns left out (serial numbers), ascending
	complete bool
}

func (m *judgmentMatrix) n() int { return len(m.names) }

// cell names the file position of a_ij.
func (m *judgmentMatrix) cell(i, j int) string {
	return fmt.Sprintf("%s: line %d, column %d (%s over %s)", m.file, m.lines[m.pos[i]], m.fileCol(m.col0+m.pos[j]), m.names[i], m.names[j])
}

// fileCol is the 1-based file column of the k-th column kept (0-based).
func (m *judgmentMatrix) fileCol(k int) int {
	for _, d := range m.dropped {
		if d <= k {
			k++
		}
	}
	return k + 1
}

// isMissing reports whether a cell stands for a missing judgment.
func isMissing(s string) bool {
	switch strings.TrimSpace(s) {
	case "", "NA", "na", "-", "null":
		return true
	}
	return false
}

// numericCell reports whether s is written as a number or a fraction p/q
// (NaN and Inf included) or as a missing judgment: such a cell is data,
// not a name.
func numericCell(s string) bool {
	if isMissing(s) {
		return true
	}
	num, den, frac := strings.Cut(strings.TrimSpace(s), "/")
	if _, err := strconv.ParseFloat(strings.TrimSpace(num), 64); err != nil {
		return false
	}
	if frac {
		if _, err := strconv.ParseFloat(strings.TrimSpace(den), 64); err != nil {
			return false
		}
	}
	return true
}

// parseJudgment reads a number or a fraction p/q; empty, NA and - are
// missing (NaN). A cell written as NaN (or whose fraction is NaN) is not a
// judgment: it is rejected, not taken as missing.
func parseJudgment(s string) (float64, bool) {
	if isMissing(s) {
		return math.NaN(), true
	}
	num, den, frac := strings.Cut(strings.TrimSpace(s), "/")
	p, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil {
		return 0, false
	}
	if frac {
		q, err := strconv.ParseFloat(strings.TrimSpace(den), 64)
		if err != nil || q == 0 {
			return 0, false
		}
		p /= q
	}
	if math.IsNaN(p) {
		return 0, false
	}
	return p, true
}

// readMatrix parses a judgment matrix CSV (see the ahp help).
func readMatrix(file string, b []byte) (*judgmentMatrix, error) {
	recs, lines, err := readCSVLines(file, b)
	if err != nil {
		return nil, err
	}
	// Drop blank lines at the end.
	for len(recs) > 0 && len(recs[len(recs)-1]) == 1 && strings.TrimSpace(recs[len(recs)-1][0]) == "" {
		recs, lines = recs[:len(recs)-1], lines[:len(lines)-1]
	}
	// Title rows above the matrix (a caption such as 判断矩阵A-B, a
	// merged title row of a workbook) are skipped.
	t := tabular.HeaderIndex(recs)
	recs, lines = recs[t:], lines[t:]
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty matrix file", file)
	}
	m := &judgmentMatrix{file: file}
	var header []string
	hline := 0 // the header's line
	for _, c := range recs[0] {
		if !numericCell(c) {
			header, hline = recs[0], lines[0]
			break
		}
	}
	if header != nil {
		recs, lines = recs[1:], lines[1:]
		header, recs = m.dropSerial(header, recs)
	}
	m.lines = lines
	// A row or column of sums or means (合计, 平均), as a matrix worked
	// by hand in a spreadsheet has, is not a criterion.
	for j, c := range header {
		if tabular.IsSummary(c) {
			return nil, fmt.Errorf("%s: line %d, column %d: %q is a summary column, not a criterion; remove it", file, hline, m.fileCol(j), strings.TrimSpace(c))
		}
	}
	for i, r := range recs {
		if len(r) > 0 && tabular.IsSummary(r[0]) {
			return nil, fmt.Errorf("%s: line %d, column %d: %q is a summary row, not a criterion; remove it", file, lines[i], m.fileCol(0), strings.TrimSpace(r[0]))
		}
	}
	n := len(recs)
	if n == 0 {
		return nil, fmt.Errorf("%s: no rows of judgments", file)
	}
	labelled := true
	for _, r := range recs {
		if len(r) != n+1 {
			labelled = false
		}
	}
	if header != nil && len(header) == n+1 && !labelled {
		// A corner cell and n names: every row must start with its label.
		for i, r := range recs {
			if len(r) != n+1 {
				return nil, fmt.Errorf("%s: line %d: %d fields, want %d: line %d has %d cells for %d rows of judgments (a corner cell and %d names), so each row needs a label and %d judgments%s", file, lines[i], len(r), n+1, hline, n+1, n, n, n, m.droppedNote())
			}
		}
	}
	if labelled {
		m.col0 = 1
	}
	for i, r := range recs {
		if want := n + m.col0; len(r) != want {
			return nil, fmt.Errorf("%s: line %d: %d fields, want %d for a %d×%d matrix (%d rows of judgments); %s", file, lines[i], len(r), want, n, n, n, m.shape(header, hline, n))
		}
	}
	switch {
	case header != nil && len(header) == n+1:
		m.names = slices.Clone(header[1:])
	case header != nil && len(header) == n:
		m.names = slices.Clone(header)
	case header != nil:
		return nil, fmt.Errorf("%s: line %d: %d names for %d rows of judgments; %s", file, hline, len(header), n, m.shape(header, hline, n))
	case labelled:
		for _, r := range recs {
			m.names = append(m.names, r[0])
		}
	default:
		for i := range n {
			m.names = append(m.names, fmt.Sprintf("C%d", i+1))
		}
	}
	m.named = header != nil || labelled
	for i := range m.names {
		m.names[i] = strings.TrimSpace(m.names[i])
	}
	m.pos = make([]int, n)
	for i := range m.pos {
		m.pos[i] = i
	}
	if m.named {
		seen := map[string]int{}
		for i, name := range m.names {
			if name == "" {
				return nil, fmt.Errorf("%s: criterion %d has an empty name", file, i+1)
			}
			if k, dup := seen[name]; dup {
				return nil, fmt.Errorf("%s: criteria %d and %d are both named %q", file, k+1, i+1, name)
			}
			seen[name] = i
		}
	}
	if labelled {
		// Row labels name the rows: they must be the criteria of the
		// columns, in the same order.
		for i, r := range recs {
			label := strings.TrimSpace(r[0])
			switch {
			case header != nil && len(header) == n && numericCell(label):
				// n names over rows of n+1 numbers: a column too many,
				// not a row label.
				return nil, fmt.Errorf("%s: line %d: %d fields, want %d for a %d×%d matrix (%d rows of judgments); %s", file, lines[i], len(r), n, n, n, n, m.shape(header, hline, n))
			case header != nil && label != m.names[i]:
				return nil, fmt.Errorf("%s: line %d, column %d: row label %q, but column %d is %q: rows and columns must list the criteria in the same order", file, lines[i], m.fileCol(0), label, m.fileCol(m.col0+i), m.names[i])
			case header == nil && numericCell(label):
				return nil, fmt.Errorf("%s: line %d, column 1: row label %q is a number: a %d×%d matrix has %d fields per row (%d with a row label naming the criterion)", file, lines[i], label, n, n, n, n+1)
			}
		}
	}
	m.a = mat.NewDense(n, n, nil)
	for i, r := range recs {
		for j, c := range r[m.col0:] {
			v, ok := parseJudgment(c)
			if !ok {
				return nil, fmt.Errorf("%s: %q is not a number or a fraction", m.cell(i, j), strings.TrimSpace(c))
			}
			if !math.IsNaN(v) && !(v > 0 && !math.IsInf(v, 0)) {
				return nil, fmt.Errorf("%s: judgment %s must be positive and finite", m.cell(i, j), strings.TrimSpace(c))
			}
			m.a.Set(i, j, v)
		}
	}
	// Empty diagonal cells are 1 and an empty cell facing a judgment is
	// its reciprocal.
	m.complete = true
	for i := range n {
		if math.IsNaN(m.a.At(i, i)) {
			m.a.Set(i, i, 1)
		}
		for j := i + 1; j < n; j++ {
			x, y := m.a.At(i, j), m.a.At(j, i)
			switch {
			case math.IsNaN(x) && !math.IsNaN(y):
				m.a.Set(i, j, 1/y)
			case !math.IsNaN(x) && math.IsNaN(y):
				m.a.Set(j, i, 1/x)
			case math.IsNaN(x) && math.IsNaN(y):
				m.complete = false
			}
		}
	}
	return m, nil
}

// dropSerial leaves out the serial-number columns (序号: a header of
// tabular.SerialHeaders) as the readers of every other table do: those
// whose cells below the header are numbers or empty. A column so headed
// whose cells name the criteria is the column of row labels, and stays.
// It records the columns left out in m.dropped and returns the header
// and rows without them; header and recs are not modified.
func (m *judgmentMatrix) dropSerial(header []string, recs [][]string) ([]string, [][]string) {
	for k, h := range header {
		if !slices.Contains(tabular.SerialHeaders(), strings.TrimSpace(h)) {
			continue
		}
		serial := true
		for _, r := range recs {
			if k < len(r) && !numericCell(r[k]) {
				serial = false
				break
			}
		}
		if serial {
			m.dropped = append(m.dropped, k)
		}
	}
	if len(m.dropped) == 0 {
		return header, recs
	}
	keep := func(r []string) []string {
		out := make([]string, 0, len(r))
		for k, c := range r {
			if !slices.Contains(m.dropped, k) {
				out = append(out, c)
			}
		}
		return out
	}
	rows := make([][]string, len(recs))
	for i, r := range recs {
		rows[i] = keep(r)
	}
	return keep(header), rows
}

// droppedNote says which serial-number columns were left out of the
// header: "; column 1 is a serial-number column, left
// out"; "" when none was.
func (m *judgmentMatrix) droppedNote() string {
	if len(m.dropped) == 0 {
		return ""
	}
	var cols []string
	for _, d := range m.dropped {
		cols = append(cols, fmt.Sprintf("column %d", d+1))
	}
	verb := "is a serial-number column"
	if len(cols) > 1 {
		verb = "are serial-number columns"
	}
	return fmt.Sprintf("; %s %s, left out", strings.Join(cols, " and "), verb)
}

// shape says what the header of a matrix of n rows of judgments holds
// and what it should hold, for an error of width: the header found (on
// line hline, its cells quoted, serial-number columns left out) or its
// absence, then the columns wanted.
func (m *judgmentMatrix) shape(header []string, hline, n int) string {
	rows := fmt.Sprintf("rows of %d judgments (%d with a label naming the criterion)", n, n+1)
	if header == nil {
		return "no header row names the criteria; want " + rows
	}
	want := fmt.Sprintf("want %d criteria names (%d with a corner cell above the row labels) and %s", n, n+1, rows)
	var cells []string
	for k, c := range header {
		if k == 12 {
			cells = append(cells, "…")
			break
		}
		cells = append(cells, strconv.Quote(strings.TrimSpace(c)))
	}
	return fmt.Sprintf("the header on line %d has %d cells (%s)%s; %s", hline, len(header), strings.Join(cells, ", "), m.droppedNote(), want)
}

// matchCriteria returns judge m's matrix with its criteria in the order
// of the first judge's, matched by name. Both files must name their
// criteria (or neither, and then they are matched by position), with the
// same set of names.
func matchCriteria(m, first *judgmentMatrix) (*judgmentMatrix, error) {
	if m.n() != first.n() {
		return nil, fmt.Errorf("%s: %d criteria, but %s has %d", m.file, m.n(), first.file, first.n())
	}
	switch {
	case !m.named && !first.named:
		return m, nil
	case m.named != first.named:
		with, without := first, m
		if m.named {
			with, without = m, first
		}
		return nil, fmt.Errorf("%s names no criteria but %s does: name them in a header row so that the judges' matrices can be matched by name", without.file, with.file)
	}
	at := map[string]int{}
	for i, name := range m.names {
		at[name] = i
	}
	perm := make([]int, first.n())
	for k, name := range first.names {
		i, ok := at[name]
		if !ok {
			return nil, fmt.Errorf("%s: no criterion %q (criteria: %s), but %s has it: every judge must compare the same criteria", m.file, name, strings.Join(m.names, ", "), first.file)
		}
		perm[k] = i
	}
	r := &judgmentMatrix{file: m.file, named: true, names: slices.Clone(first.names), a: mat.NewDense(m.n(), m.n(), nil),
		pos: make([]int, m.n()), lines: m.lines, col0: m.col0, dropped: m.dropped, complete: m.complete}
	for k, i := range perm {
		r.pos[k] = m.pos[i]
		for l, j := range perm {
			r.a.Set(k, l, m.a.At(i, j))
		}
	}
	return r, nil
}

// judgmentErr relocates a weighting.JudgmentError into the file.
func judgmentErr(m *judgmentMatrix, err error) error {
	var je *weighting.JudgmentError
	if errors.As(err, &je) && je.Row >= 0 && je.Row < m.n() && je.Col >= 0 && je.Col < m.n() {
		return fmt.Errorf("%s: %s", m.cell(je.Row, je.Col), je.Msg)
	}
	msg := strings.TrimPrefix(err.Error(), "weighting: ")
	switch {
	case errors.Is(err, weighting.ErrRITable):
		msg += " (-ri alonso_lamata2006 covers every size)"
	case errors.Is(err, weighting.ErrDisconnected):
		var num []string
		for i, n := range m.names {
			num = append(num, fmt.Sprintf("%d = %s", i, n))
		}
		msg += " (criteria numbered from 0: " + strings.Join(num, ", ") + ")"
	}
	return fmt.Errorf("%s: %s", m.file, msg)
}

// riSource names the source of the random-index table t.
func riSource(t weighting.RITable) report.Text {
	return riSources[t]
}

// riSources are the sources of the RI tables; a book's title stays as
// it was published.
var riSources = map[weighting.RITable]report.Text{
	weighting.Saaty1980:         {ZH: "Saaty (1980), The Analytic Hierarchy Process", EN: "Saaty (1980), The Analytic Hierarchy Process"},
	weighting.Saaty2005:         {ZH: "Saaty (2005), Theory and Applications of the ANP", EN: "Saaty (2005), Theory and Applications of the ANP"},
	weighting.CNTextbook:        {ZH: "国内层次分析法教材通用的表", EN: "the table of Chinese AHP textbooks"},
	weighting.DoneganDodd1991:   {ZH: "Donegan和Dodd (1991)", EN: "Donegan and Dodd (1991)"},
	weighting.AlonsoLamata2006:  {ZH: "Alonso和Lamata (2006)，RI(n) = (1.7699 n - 4.3513)/(n - 1)", EN: "Alonso and Lamata (2006), RI(n) = (1.7699 n - 4.3513)/(n - 1)"},
	weighting.AlonsoLamataTable: {ZH: "Alonso和Lamata (2006)，每阶各取100000个随机矩阵算得的表", EN: "Alonso and Lamata (2006), table of 100,000 random matrices per n"},
}

type ahpCriterion struct {
	Name          string `json:"name"`
	Weight        jnum   `json:"weight"`
	Eigenvector   jnum   `json:"eigenvector"`
	GeometricMean jnum   `json:"geometric_mean"`
}

type ahpJudgment struct {
	Row        string `json:"row"`
	Col        string `json:"col"`
	Judgment   jnum   `json:"judgment"`
	Consistent jnum   `json:"consistent"`
	Ratio      jnum   `json:"ratio"`
	Where      string `json:"where"`
}

type ahpSuggestion struct {
	Row       string `json:"row"`
	Col       string `json:"col"`
	Judgment  jnum   `json:"judgment"`
	Suggested jnum   `json:"suggested"`
	LambdaMax jnum   `json:"lambda_max"`
	CR        jnum   `json:"cr"`
	Where     string `json:"where"`
}

type ahpJudge struct {
	File     string `json:"file"`
	Weight   jnum   `json:"weight"`
	CR       jnum   `json:"cr"`
	Excluded bool   `json:"excluded"`
}

type ahpReport struct {
	Method          string         `json:"method"`
	Group           string         `json:"group,omitempty"`
	Missing         int            `json:"missing_pairs"`
	Completion      string         `json:"completion,omitempty"`
	Criteria        []ahpCriterion `json:"criteria"`
	LambdaMax       jnum           `json:"lambda_max"`
	CI              jnum           `json:"ci"`
	RI              jnum           `json:"ri"`
	RITable         string         `json:"ri_table"`
	RISource        string         `json:"ri_source"`
	riSource        report.Text
	CR              float64         `json:"cr"`
	Judges          []ahpJudge      `json:"judges,omitempty"`
	Inconsistencies []ahpJudgment   `json:"most_inconsistent"`
	Suggestions     []ahpSuggestion `json:"suggestions"`
}

// analyseAHP analyses one matrix, or several judges' matrices.
func analyseAHP(ms []*judgmentMatrix, jw []float64, s weighting.AHPSettings, gs weighting.GroupSettings, top int, progress func(done, total int)) (*ahpReport, error) {
	m := ms[0]
	rep := &ahpReport{Method: s.Priority.String()}
	var res weighting.AHPResult
	a := mat.Matrix(m.a)
	switch {
	case len(ms) > 1:
		var as []mat.Matrix
		for _, x := range ms {
			if !x.complete {
				return nil, fmt.Errorf("%s: a judge's matrix must be complete (missing judgments need a single matrix)", x.file)
			}
			as = append(as, x.a)
		}
		g, err := weighting.Group(as, jw, gs)
		if err != nil && !errors.Is(err, weighting.ErrInconsistent) || err != nil && g.Weights == nil {
			return nil, groupErr(ms, err)
		}
		res = g.AIJ
		res.Weights = g.Weights
		a = g.AIJMatrix
		rep.Group = gs.Method.String()
		ex := map[int]bool{}
		for _, k := range g.Excluded {
			ex[k] = true
		}
		for k, x := range ms {
			rep.Judges = append(rep.Judges, ahpJudge{x.file, jnum(g.JudgeWeights[k]), jnum(g.Individual[k].CR), ex[k]})
		}
	case !m.complete:
		var err error
		res, _, rep.Missing, err = weighting.Incomplete(m.a, s)
		if err != nil {
			return nil, judgmentErr(m, err)
		}
		rep.Completion = s.Completion.String()
	default:
		var err error
		res, err = weighting.Priorities(m.a, s)
		if err != nil {
			return nil, judgmentErr(m, err)
		}
	}
	for i, name := range m.names {
		rep.Criteria = append(rep.Criteria, ahpCriterion{name, jnum(res.Weights[i]), jnum(res.Eigenvector[i]), jnum(res.GeometricMean[i])})
	}
	rep.LambdaMax, rep.CI, rep.RI, rep.CR = jnum(res.LambdaMax), jnum(res.CI), jnum(res.RI), res.CR
	rep.RITable, rep.riSource = res.RITable.String(), riSource(res.RITable)
	rep.RISource = rep.riSource.EN
	rep.Inconsistencies = []ahpJudgment{}
	for k, inc := range weighting.Inconsistencies(a, res.Weights) {
		if k == top {
			break
		}
		where := m.cell(inc.Row, inc.Col)
		if len(ms) > 1 {
			where = "aggregated matrix"
		}
		rep.Inconsistencies = append(rep.Inconsistencies, ahpJudgment{m.names[inc.Row], m.names[inc.Col],
			jnum(inc.Judgment), jnum(inc.Consistent), jnum(inc.Ratio), where})
	}
	rep.Suggestions = []ahpSuggestion{}
	sg, err := weighting.Suggestions(a, weighting.AHPSettings{RI: res.RITable, Tol: s.Tol, Completion: s.Completion, Progress: progress})
	if err != nil {
		return nil, judgmentErr(m, err)
	}
	for k, x := range sg {
		if k == top {
			break
		}
		where := m.cell(x.Row, x.Col)
		if len(ms) > 1 {
			where = "aggregated matrix"
		}
		rep.Suggestions = append(rep.Suggestions, ahpSuggestion{m.names[x.Row], m.names[x.Col],
			jnum(x.Judgment), jnum(x.Suggested), jnum(x.LambdaMax), jnum(x.CR), where})
	}
	return rep, nil
}

// groupErr names the judge's file in an error of weighting.Group.
func groupErr(ms []*judgmentMatrix, err error) error {
	msg := strings.TrimPrefix(err.Error(), "weighting: ")
	return fmt.Errorf("%s: %s", ms[0].file, msg)
}

// The texts of ahp's table.
var (
	aHead      = []report.Text{{ZH: "指标", EN: "criterion"}, {ZH: "权重", EN: "weight"}, {ZH: "特征向量法", EN: "eigenvector"}, {ZH: "几何平均法", EN: "geom. mean"}}
	aJudges    = report.Text{ZH: "%[1]d位专家的判断按%[2]s集结；权重计算方法：%[3]s", EN: "%[1]d judges combined by %[2]s; weights by %[3]s"}
	aMethod    = report.Text{ZH: "权重计算方法：%s", EN: "weights by %s"}
	aOptimal   = report.Text{ZH: "判断矩阵不完整：缺少%d对判断（按λmax最小补全，Bozóki、Fülöp和Rónyai）", EN: "incomplete matrix: %d missing pairs (λmax-optimal completion, Bozóki-Fülöp-Rónyai)"}
	aHarker    = report.Text{ZH: "判断矩阵不完整：缺少%d对判断（Harker法）", EN: "incomplete matrix: %d missing pairs (Harker's method)"}
	aRITable   = report.Text{ZH: "平均随机一致性指标表：%s（%s）", EN: "RI table: %s (%s)"}
	aAccept    = report.Text{ZH: "CR ≤ 0.10（Saaty的经验标准）：一致性可以接受", EN: "CR ≤ 0.10 (Saaty's rule of thumb): acceptable"}
	aRevise    = report.Text{ZH: "CR > 0.10（Saaty的经验标准）：超过0.10，应修正判断", EN: "CR > 0.10 (Saaty's rule of thumb): above 0.10: revise the judgments"}
	aJudgeHead = []report.Text{{ZH: "专家", EN: "judge"}, {ZH: "权重", EN: "weight"}, {ZH: "CR", EN: "CR"}, {}}
	aExcluded  = report.Text{ZH: "已剔除", EN: "excluded"}
	aIncons    = report.Text{ZH: "最不一致的判断（比值 = a_ij w_j / w_i，1为完全一致）", EN: "Most inconsistent judgments (ratio = a_ij w_j / w_i; 1 is consistent)"}
	aInconHead = []report.Text{{ZH: "判断", EN: "judgment"}, {ZH: "给定值", EN: "given"}, {ZH: "一致值", EN: "consistent"}, {ZH: "比值", EN: "ratio"}, {ZH: "位置", EN: "where"}}
	aSuggest   = report.Text{ZH: "修改后CR降低最多的判断（每次修改一项，改为Saaty 1–9标度中的值）", EN: "Judgments whose change lowers CR the most (one at a time, to a value of Saaty's 1-9 scale)"}
	aSuggestI  = report.Text{ZH: "偏离补全矩阵比值w_i/w_j最大的判断（每次修改一项，改为最接近该比值的Saaty 1–9标度值）", EN: "Judgments furthest from the completed matrix's ratio w_i/w_j (one at a time, to the value of Saaty's 1-9 scale nearest it)"}
	// The sheets of -format xlsx, and the headings of the consistency.
	aSheets         = []report.Text{{ZH: "权重", EN: "weights"}, {ZH: "一致性", EN: "consistency"}, {ZH: "专家", EN: "judges"}, {ZH: "最不一致的判断", EN: "most inconsistent"}, {ZH: "修改建议", EN: "suggested revisions"}}
	aConsHead       = []report.Text{{ZH: "项目", EN: "item"}, {ZH: "数值", EN: "value"}}
	aRITableName    = report.Text{ZH: "平均随机一致性指标表", EN: "RI table"}
	aMethodName     = report.Text{ZH: "权重计算方法", EN: "priority method"}
	aGroupName      = report.Text{ZH: "集结方法", EN: "group method"}
	aMissingName    = report.Text{ZH: "缺失的判断对数", EN: "missing pairs"}
	aCompletionName = report.Text{ZH: "补全方法", EN: "completion"}
	aExcludedName   = report.Text{ZH: "是否剔除", EN: "excluded"}
	aSugHead        = []report.Text{{ZH: "判断", EN: "judgment"}, {ZH: "给定值", EN: "given"}, {ZH: "建议改为", EN: "change to"}, {ZH: "修改后CR", EN: "CR after"}, {ZH: "位置", EN: "where"}}
	aNames          = map[string]report.Text{"eigenvector": {ZH: "特征向量法", EN: "eigenvector"}, "geometric_mean": {ZH: "几何平均法", EN: "geometric_mean"},
		"aij": {ZH: "判断矩阵几何平均（AIJ）", EN: "aij"}, "aip_geometric": {ZH: "权重几何平均（AIP）", EN: "aip_geometric"}, "aip_arithmetic": {ZH: "权重算术平均（AIP）", EN: "aip_arithmetic"}}
	cellWhere = regexp.MustCompile(`^(.*): line (\d+), column (\d+) \((.*) over (.*)\)$`)
)

// aName is a method's or a combination's name in l.
func aName(l report.Lang, name string) string {
	if t, ok := aNames[name]; ok {
		return tr(l, t)
	}
	return name
}

// whereIn says where a judgment is, in l: "ahp.csv：第2行第3列（A相对于B）".
func whereIn(l report.Lang, where string) string {
	if l == report.English {
		return where
	}
	if where == "aggregated matrix" {
		return tr(l, report.Text{ZH: "集结后的矩阵", EN: where})
	}
	if m := cellWhere.FindStringSubmatch(where); m != nil {
		zh := fmt.Sprintf("%s：第%s行第%s列（%s相对于%s）", fileIn(report.Chinese, m[1]), m[2], m[3], m[4], m[5])
		if l == report.Bilingual {
			return zh + " / " + where
		}
		return zh
	}
	return where
}

// writeXLSX writes the report as a workbook, one sheet per table in the
// words of l: the weights, the consistency (λmax, CI, RI, CR, the RI
// table), the judges of a group, the most inconsistent judgments and
// every suggested revision (as the JSON lists them); numbers as numbers,
// whether a judge was excluded true or false (是 or 否 in Chinese), and in
// Chinese an empty or missing figure a blank cell (workbookSheets).
func (r *ahpReport) writeXLSX(w io.Writer, l report.Lang) error {
	g := func(x jnum) string { return num(float64(x)) }
	ws := [][]string{heads(l, aHead...)}
	for _, c := range r.Criteria {
		ws = append(ws, []string{c.Name, g(c.Weight), g(c.Eigenvector), g(c.GeometricMean)})
	}
	cs := [][]string{heads(l, aConsHead...),
		{"λmax", g(r.LambdaMax)}, {"CI", g(r.CI)}, {"RI", g(r.RI)}, {"CR", num(r.CR)},
		{tr(l, aRITableName), r.RITable}, {tr(l, aMethodName), aName(l, r.Method)}}
	if r.Group != "" {
		cs = append(cs, []string{tr(l, aGroupName), aName(l, r.Group)})
	}
	if r.Missing > 0 {
		cs = append(cs, []string{tr(l, aMissingName), strconv.Itoa(r.Missing)}, []string{tr(l, aCompletionName), r.Completion})
	}
	sheets := []tabular.SheetData{{Name: aSheets[0].In(l), Rows: ws}, {Name: aSheets[1].In(l), Rows: cs}}
	if len(r.Judges) > 0 {
		js := [][]string{heads(l, aJudgeHead[:3]...)}
		js[0] = append(js[0], tr(l, aExcludedName))
		for _, j := range r.Judges {
			// true or false, as the JSON's "excluded": 是 or 否 under
			// 是否剔除 in a Chinese workbook (workbookSheets).
			js = append(js, []string{fileIn(l, j.File), g(j.Weight), g(j.CR), strconv.FormatBool(j.Excluded)})
		}
		sheets = append(sheets, tabular.SheetData{Name: aSheets[2].In(l), Rows: js})
	}
	is := [][]string{heads(l, aInconHead...)}
	for _, j := range r.Inconsistencies {
		is = append(is, []string{j.Row + " : " + j.Col, g(j.Judgment), g(j.Consistent), g(j.Ratio), whereIn(l, j.Where)})
	}
	ss := [][]string{heads(l, aSugHead...)}
	for _, x := range r.Suggestions {
		ss = append(ss, []string{x.Row + " : " + x.Col, g(x.Judgment), g(x.Suggested), g(x.CR), whereIn(l, x.Where)})
	}
	sheets = append(sheets, tabular.SheetData{Name: aSheets[3].In(l), Rows: is}, tabular.SheetData{Name: aSheets[4].In(l), Rows: ss})
	return tabular.WriteXLSX(w, workbookSheets(l, sheets...))
}

func (r *ahpReport) writeTable(w io.Writer, l report.Lang) {
	t := newTable(heads(l, aHead...)...).right(1, 2, 3).in(l)
	for _, c := range r.Criteria {
		t.add(c.Name, fixed(float64(c.Weight), 4), fixed(float64(c.Eigenvector), 4), fixed(float64(c.GeometricMean), 4))
	}
	if r.Group != "" {
		fmt.Fprintf(w, "%s\n\n", inEach(l, "\n", func(l report.Lang) string {
			return tr(l, aJudges, len(r.Judges), aName(l, r.Group), aName(l, r.Method))
		}))
	} else {
		fmt.Fprintf(w, "%s\n", inEach(l, "\n", func(l report.Lang) string { return tr(l, aMethod, aName(l, r.Method)) }))
		switch {
		case r.Missing > 0 && r.Completion == weighting.OptimalCompletion.String():
			fmt.Fprintf(w, "%s\n", trLines(l, aOptimal, r.Missing))
		case r.Missing > 0:
			fmt.Fprintf(w, "%s\n", trLines(l, aHarker, r.Missing))
		}
		fmt.Fprintln(w)
	}
	t.write(w)
	fmt.Fprintf(w, "\nλmax = %s   CI = %s   RI = %s   CR = %s\n", fixed(float64(r.LambdaMax), 4), fixed(float64(r.CI), 4), fixed(float64(r.RI), 4), fixed(r.CR, 4))
	fmt.Fprintf(w, "%s\n", inEach(l, "\n", func(l report.Lang) string { return tr(l, aRITable, r.RITable, r.riSource.In(l)) }))
	verdict := aAccept
	if r.CR > 0.1 {
		verdict = aRevise
	}
	fmt.Fprintf(w, "%s\n", trLines(l, verdict))
	if len(r.Judges) > 0 {
		fmt.Fprintln(w)
		jt := newTable(heads(l, aJudgeHead...)...).right(1, 2).in(l)
		for _, j := range r.Judges {
			ex := ""
			if j.Excluded {
				ex = tr(l, aExcluded)
			}
			jt.add(fileIn(l, j.File), fixed(float64(j.Weight), 4), fixed(float64(j.CR), 4), ex)
		}
		jt.write(w)
	}
	if len(r.Inconsistencies) > 0 {
		fmt.Fprintf(w, "\n%s\n\n", trLines(l, aIncons))
		it := newTable(heads(l, aInconHead...)...).right(1, 2, 3).in(l)
		for _, j := range r.Inconsistencies {
			it.add(j.Row+" : "+j.Col, fixed(float64(j.Judgment), 4), fixed(float64(j.Consistent), 4), fixed(float64(j.Ratio), 4), whereIn(l, j.Where))
		}
		it.write(w)
	}
	if r.CR > 0.1 && len(r.Suggestions) > 0 {
		m := aSuggest
		if r.Missing > 0 {
			m = aSuggestI
		}
		fmt.Fprintf(w, "\n%s\n\n", trLines(l, m))
		st := newTable(heads(l, aSugHead...)...).right(1, 2, 3).in(l)
		for _, x := range r.Suggestions {
			st.add(x.Row+" : "+x.Col, judgment(float64(x.Judgment)), judgment(float64(x.Suggested)), fixed(float64(x.CR), 4), whereIn(l, x.Where))
		}
		st.write(w)
	}
}
