package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/indicator/tabular"
	"github.com/ppgpa/ppgpa/ranking"
	"github.com/ppgpa/ppgpa/ranking/report"
)

// modelFormat is the version of the model file format.
const modelFormat = indicator.Version

// maxInput bounds the size of one input file (1 GiB), so that a runaway
// pipe cannot exhaust memory unnoticed.
const maxInput = 1 << 30

// readInput returns the contents of the named file, or of standard input
// for "-" (allowed once per command).
func (e *env) readInput(name string) ([]byte, error) {
	if name == "-" {
		if e.stdinUsed {
			return nil, usagef("standard input (-) can be read only once")
		}
		e.stdinUsed = true
		if f, ok := e.stdin.(*os.File); ok {
			return readFile(f, "<stdin>")
		}
		return readLimited(e.stdin, "<stdin>", -1)
	}
	if name == "" {
		return nil, usagef("empty file name")
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fileErr(name, err)
	}
	defer f.Close()
	return readFile(f, name)
}

// readFile reads an open input file: a regular file over maxInput is
// rejected by its size before anything is read, and is read into a buffer
// of its size; a pipe or a device is read in growing steps and rejected
// as soon as it passes maxInput, so that memory stays below 1.5 times the
// cap whatever it streams (/dev/zero).
func readFile(f *os.File, name string) ([]byte, error) {
	size := int64(-1)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		if fi.Size() > maxInput {
			return nil, fmt.Errorf("%s: %d bytes, larger than the limit of %d bytes", name, fi.Size(), maxInput)
		}
		size = fi.Size()
		if b, ok := readHalves(f, size); ok {
			if len(b) >= zeroPrefix && allZero(b[:zeroPrefix]) {
				return nil, fmt.Errorf("%s: the first %d bytes are all zero: not a text, CSV, JSON or Excel file", name, zeroPrefix)
			}
			return b, nil
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, fileErr(name, err)
		}
	} else if err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", name)
	}
	return readLimited(f, name, size)
}

// parallelReadMin is the smallest regular file that readHalves reads.
var parallelReadMin = int64(1 << 20)

// readHalves reads a regular file of the given size (at least
// parallelReadMin, on several cores) in two halves at once, each from its
// offset (ReadAt), so that the copying and the faulting-in of the buffer
// are shared; false when it does not (a small file, one core) or when
// the file is not then of that size (it grew or shrank, or a read
// failed), for the caller to read it in order from its start.
func readHalves(f *os.File, size int64) ([]byte, bool) {
	if size < parallelReadMin || runtime.GOMAXPROCS(0) < 2 {
		return nil, false
	}
	buf := makeLarge[byte](int(size)+1, int(size)+1)
	mid := size / 2
	second := make(chan bool, 1)
	go func() {
		n, err := f.ReadAt(buf[mid:size], mid)
		second <- n == int(size-mid) && (err == nil || err == io.EOF)
	}()
	n, err := f.ReadAt(buf[:mid], 0)
	ok := n == int(mid) && err == nil
	if !<-second || !ok {
		return nil, false
	}
	// One byte more must be the end: a file that grew is read in order.
	if n, err := f.ReadAt(buf[size:], size); n != 0 || err != io.EOF {
		return nil, false
	}
	return buf[:size], true
}

// readLimited reads r to its end, failing beyond maxInput bytes; size is
// the expected size (-1 if unknown).
func readLimited(r io.Reader, name string, size int64) ([]byte, error) {
	c := int64(64 << 10)
	if size >= 0 {
		c = size + 1 // one more byte to see the end (or growth)
	}
	buf := makeLarge[byte](0, int(c))
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > maxInput {
				return nil, fmt.Errorf("%s: larger than the limit of %d bytes", name, maxInput)
			}
			nb := make([]byte, len(buf), min(2*int64(cap(buf)), maxInput+1))
			copy(nb, buf)
			buf = nb
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > maxInput {
			return nil, fmt.Errorf("%s: larger than the limit of %d bytes", name, maxInput)
		}
		if len(buf) >= zeroPrefix && len(buf)-n < zeroPrefix && allZero(buf[:zeroPrefix]) {
			return nil, fmt.Errorf("%s: the first %d bytes are all zero: not a text, CSV, JSON or Excel file", name, zeroPrefix)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, fileErr(name, err)
		}
	}
}

// zeroPrefix is how many leading zero bytes make an input rejected at
// once: no input format (text in UTF-8, GB18030 or UTF-16, JSON, xlsx)
// starts so, and a device such as /dev/zero would otherwise be read up
// to maxInput.
const zeroPrefix = 4096

// allZero reports whether every byte of b is zero.
func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// fileErr shortens os errors to "name: reason".
func fileErr(name string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", name, pe.Err)
	}
	return fmt.Errorf("%s: %v", name, err)
}

// displayName is how errors name an input.
//
// Chinese text calls standard input 标准输入 (fileIn).
func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

// loadModel reads, decodes and compiles a model file, applying the overlay
// file when one is given. Problems of the model are returned as a failure
// with one line per problem.
func (e *env) loadModel(name, overlay string) (*indicator.Model, *indicator.Plan, error) {
	m, err := e.decodeModel(name, overlay)
	if err != nil {
		return nil, nil, err
	}
	e.prog.stepDone(stepDecode)
	p, err := indicator.Compile(m)
	if err != nil {
		return nil, nil, modelErr(displayName(name), err)
	}
	e.prog.stepDone(stepCompile)
	return m, p, nil
}

// compileModel decodes and compiles the model file name of contents b.
func compileModel(name string, b []byte) (*indicator.Model, *indicator.Plan, error) {
	m, err := indicator.DecodeModel(bytes.NewReader(b))
	if err != nil {
		return nil, nil, modelErr(displayName(name), err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		return nil, nil, modelErr(displayName(name), err)
	}
	return m, p, nil
}

// decodeModel reads a model and applies an overlay, without compiling.
func (e *env) decodeModel(name, overlay string) (*indicator.Model, error) {
	b, err := e.readInput(name)
	if err != nil {
		return nil, err
	}
	m, err := indicator.DecodeModel(bytes.NewReader(b))
	if err != nil {
		return nil, modelErr(displayName(name), err)
	}
	if overlay == "" {
		return m, nil
	}
	b, err = e.readInput(overlay)
	if err != nil {
		return nil, err
	}
	o, err := indicator.DecodeOverlay(bytes.NewReader(b))
	if err != nil {
		return nil, modelErr(displayName(overlay), err)
	}
	eff, err := indicator.ApplyOverlay(m, o)
	if err != nil {
		return nil, modelErr(displayName(overlay), err)
	}
	return eff, nil
}

// modelErr turns a model error into one line per problem, each naming the
// file and the node path or JSON location.
func modelErr(file string, err error) error {
	var ve *indicator.ValidationError
	if errors.As(err, &ve) && len(ve.Problems) > 0 {
		lines := make([]string, len(ve.Problems))
		for i, p := range ve.Problems {
			lines[i] = fmt.Sprintf("%s: %s", file, p)
		}
		return &failure{lines}
	}
	return fmt.Errorf("%s: %s", file, trimPrefixes(err.Error()))
}

// trimPrefixes drops the sentinel prefixes that repeat what the file name
// already says ("indicator: invalid model: model: ").
func trimPrefixes(s string) string {
	for _, p := range []string{"indicator: invalid model: ", "model: "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// dataFlags are the flags of commands that read an indicator data table.
type dataFlags struct {
	attrs   string
	overlay string
	in      inputFlags
	// explainRoot asks assessWith for an evaluation that keeps the
	// contributions of the root's children only (see
	// indicator.Result.ExplainGroups), for outputs that show no other:
	// it fails exactly where a full evaluation fails.
	explainRoot bool
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	d.in.register(fs, true)
	fs.StringVar(&d.attrs, "attr", "", "comma-separated data `columns` read as text attributes of the units (e.g. province)")
	fs.StringVar(&d.overlay, "overlay", "", "overlay `file` applied to the model (a locality's adaptation)")
}

// loadData reads an indicator data table (see inputHelp for the files
// read).
func (e *env) loadData(name string, d *dataFlags) (*indicator.Table, error) {
	t, _, notes, err := e.readData(name, d)
	notes()
	return t, err
}

// readData is loadData with the notes on reading the file held back:
// notes prints them (call it also on an error, whose notes come first).
// records are the canonical records of t when the file holds them as
// they are (see tabular.TableRecords), else nil.
func (e *env) readData(name string, d *dataFlags) (t *indicator.Table, records []byte, notes func(), err error) {
	notes = func() {}
	defer func() {
		if err == nil && t.NumUnits() == 0 {
			t, records, err = nil, nil, fmt.Errorf("%s: no units: the table has a header and no rows below it", displayName(name))
		}
	}()
	b, err := e.readInput(name)
	if err != nil {
		return nil, nil, notes, err
	}
	var in *inputFlags
	var attrs []string
	if d != nil {
		in = &d.in
		for _, a := range strings.Split(d.attrs, ",") {
			if a = strings.TrimSpace(a); a != "" {
				attrs = append(attrs, a)
			}
		}
	}
	opt, err := in.options()
	if err != nil {
		return nil, nil, notes, err
	}
	gridOpt := opt
	opt.Attributes = attrs
	file := displayName(name)
	if t, info, records, err := tabular.TableRecords(b, opt); err == nil {
		return t, records, func() { e.notes(file, info) }, nil
	}
	// Read again in two steps, so that the notes on reading the file
	// come before the error on its table.
	g, err := tabular.GridFromBytes(b, gridOpt)
	if err != nil {
		return nil, nil, notes, inputErr(file, err)
	}
	notes = func() { e.notes(file, &g.Info) }
	t, info, err := g.Table(opt)
	if err != nil {
		return nil, nil, notes, inputErr(file, err)
	}
	rest := *info
	rest.Notes = info.Notes[len(g.Info.Notes):] // the grid's notes are the others
	return t, nil, func() { e.notes(file, &g.Info); e.notes(file, &rest) }, nil
}

// loadModelData loads and compiles MODEL (with the -overlay) and reads
// DATA. Without an overlay the model is decoded and compiled on another
// core while DATA is read; the notes on reading DATA are printed only
// when the model is good, as when the model was read first.
func (e *env) loadModelData(modelFile, dataFile string, d *dataFlags) (*indicator.Model, *indicator.Plan, *indicator.Table, error) {
	a, err := e.loadInputs(modelFile, dataFile, d)
	if err != nil {
		return nil, nil, nil, err
	}
	return a.model, a.plan, a.table, nil
}

// loadInputs is loadModelData that returns an assessment not yet
// evaluated, with the canonical records of the data when the file holds
// them (see readData).
func (e *env) loadInputs(modelFile, dataFile string, d *dataFlags) (*assessment, error) {
	if d.overlay != "" {
		m, p, err := e.loadModel(modelFile, d.overlay)
		if err != nil {
			return nil, err
		}
		t, records, notes, err := e.readData(dataFile, d)
		notes()
		if err != nil {
			return nil, err
		}
		e.prog.stepDone(stepRead)
		return &assessment{model: m, plan: p, table: t, records: records}, nil
	}
	b, err := e.readInput(modelFile)
	if err != nil {
		return nil, err
	}
	type compiled struct {
		m   *indicator.Model
		p   *indicator.Plan
		err error
	}
	mc := make(chan compiled, 1)
	go func() {
		m, p, err := compileModel(modelFile, b)
		mc <- compiled{m, p, err}
	}()
	t, records, notes, err := e.readData(dataFile, d)
	c := <-mc
	if c.err != nil {
		return nil, c.err
	}
	notes()
	if err != nil {
		return nil, err
	}
	e.prog.stepDone(stepRead)
	return &assessment{model: c.m, plan: c.p, table: t, records: records}, nil
}

// assessment is a model evaluated on data.
type assessment struct {
	model *indicator.Model
	plan  *indicator.Plan
	table *indicator.Table
	res   *indicator.Result
	// records are the canonical records of table when its file held
	// them as they are (tabular.TableRecords), which the fingerprint
	// hashes as they are; else nil.
	records []byte
	// fp, when not nil, delivers the fingerprint of model and table
	// being hashed (see startFingerprint).
	fp chan fingerprintResult
}

// fingerprintResult is the fingerprint of an assessment, or why it could
// not be computed.
type fingerprintResult struct {
	s   string
	err error
}

// startFingerprint starts hashing the fingerprint of a's model and table
// (ranking.Fingerprint, as verify computes it) on other cores; it is
// received from a.fp. Nothing is modified meanwhile: evaluating reads the
// table without changing it.
func (a *assessment) startFingerprint() {
	a.fp = make(chan fingerprintResult, 1)
	go func() {
		f, err := ranking.FingerprintOfRecords(a.model, a.table, ranking.VerifySettings{}, a.records)
		a.fp <- fingerprintResult{f.Fingerprint, err}
	}()
}

func (e *env) assess(ctx context.Context, modelFile, dataFile string, d *dataFlags) (*assessment, error) {
	return e.assessWith(ctx, modelFile, dataFile, d, false)
}

// assessHashed is assess that also starts hashing the fingerprint (see
// startFingerprint) as soon as the data are read, while the model is
// evaluated.
func (e *env) assessHashed(ctx context.Context, modelFile, dataFile string, d *dataFlags) (*assessment, error) {
	return e.assessWith(ctx, modelFile, dataFile, d, true)
}

func (e *env) assessWith(ctx context.Context, modelFile, dataFile string, d *dataFlags, hash bool) (*assessment, error) {
	a, err := e.loadInputs(modelFile, dataFile, d)
	if err != nil {
		return nil, err
	}
	if hash {
		a.startFingerprint()
	}
	explain := d != nil && d.explainRoot
	a.res, err = a.plan.EvaluateWith(ctx, a.table, indicator.EvalOptions{ScoresOnly: explain})
	if err == nil && explain && !a.res.Nodes[0].Leaf {
		err = a.res.ExplainGroups(a.res.Nodes[0].ID)
	}
	if err != nil {
		if a.fp != nil {
			<-a.fp
		}
		return nil, evalErr(modelFile, dataFile, err)
	}
	e.prog.stepDone(stepEval)
	return a, nil
}

// evalErr names the files of an evaluation error (which names the node and
// the unit).
func evalErr(modelFile, dataFile string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%s with %s: %s", displayName(modelFile), displayName(dataFile), strings.TrimPrefix(err.Error(), "indicator: "))
}

// output collects a command's output and writes it to standard output or
// to the -o file once the command has succeeded, atomically (see
// outfile.go), so that a failed command leaves no partial file.
type output struct {
	fs   *flag.FlagSet // to find the -format flag
	file string
	buf  bytes.Buffer
	// heading, when set, gives the heading of a column of the workbook
	// (-format xlsx) from its CSV name: the words of -lang, where the
	// CSV keeps its machine-readable names.
	heading func(csvName string) string
	// checked says that buf is CSV text in which no cell needs
	// neutralising: its writer checked every cell with tabular.SafeCell,
	// so tabular.SafeCSV would copy it unchanged, and flush does not.
	checked bool
}

func (o *output) register(fs *flag.FlagSet) {
	o.fs = fs
	fs.StringVar(&o.file, "o", "", "write the output to `file` instead of standard output")
}

// setBytes makes b the output written so far (the buffer is empty); the
// output keeps b, so that a large output is not copied.
func (o *output) setBytes(b []byte) {
	if o.buf.Len() > 0 {
		o.buf.Write(b)
		return
	}
	o.buf = *bytes.NewBuffer(b)
}

// emit writes a result in the chosen format (json, csv, or a table, as
// Markdown for "markdown") to the output buffer and flushes it.
func (o *output) emit(e *env, format string, asJSON func() any, csv func(io.Writer) error, table func(w io.Writer, markdown bool)) error {
	var err error
	switch format {
	case "json":
		err = writeJSON(&o.buf, asJSON())
	case "csv":
		err = csv(&o.buf)
	default:
		table(&o.buf, format == "markdown")
	}
	if err != nil {
		return err
	}
	return o.flush(e)
}

// flush stages the buffered output for its file (or standard output); it
// is written when the command succeeds (see commit in outfile.go).
func (o *output) flush(e *env) error {
	var f *format
	if o.fs != nil {
		if fl := o.fs.Lookup("format"); fl != nil {
			if fv, ok := fl.Value.(*formatValue); ok {
				f = fv.f
			}
		}
	}
	switch {
	case f != nil && f.xlsx:
		heading, lang := o.heading, report.English
		if o.fs != nil {
			if fl := o.fs.Lookup("lang"); fl != nil {
				if l, ok := fl.Value.(*langValue); ok {
					lang = *l.l
					if heading == nil {
						heading = func(h string) string { return xlsxHeading(lang, h) }
					}
				}
			}
		}
		b, err := csvToXLSX(o.buf.Bytes(), e.name, heading, lang)
		if err != nil {
			return err
		}
		e.stage(o.file, b)
	case f != nil && f.name == "csv" && o.checked:
		e.stage(o.file, o.buf.Bytes())
	case f != nil && f.name == "csv":
		var b bytes.Buffer
		b.Grow(o.buf.Len() + o.buf.Len()/64) // the text, and room for a few neutralised cells
		if err := tabular.SafeCSV(&b, o.buf.Bytes()); err != nil {
			return err
		}
		e.stage(o.file, b.Bytes())
	default:
		e.stage(o.file, o.buf.Bytes())
	}
	e.prog.stepDone(stepWrite)
	return nil
}

// csvToXLSX turns a command's CSV output into a workbook of one sheet
// named after the command: numbers as numbers, text (Chinese headers
// among it) as text. heading, when not nil, renames the columns of the
// first row. In Chinese and in both languages the cells are those of an
// official's spreadsheet (see xlsxCells); in English they are the CSV's.
func csvToXLSX(b []byte, sheet string, heading func(string) string, l report.Lang) ([]byte, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	if heading != nil && len(recs) > 0 {
		for k, h := range recs[0] {
			recs[0][k] = heading(h)
		}
	}
	var out bytes.Buffer
	if err := tabular.WriteXLSX(&out, workbookSheets(l, tabular.SheetData{Name: sheet, Rows: recs})); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// workbookSheets returns the sheets of a workbook in l: in Chinese and in
// both languages with the cells of a Chinese workbook (xlsxCells, every
// empty cell a blank); in English as they are. It rewrites the sheets'
// rows.
func workbookSheets(l report.Lang, sheets ...tabular.SheetData) []tabular.SheetData {
	if l != report.English {
		for k := range sheets {
			xlsxCells(sheets[k].Rows)
			sheets[k].Blanks = true
		}
	}
	return sheets
}

// xlsxCells rewrites the data rows of recs (a CSV with its header) for
// a Chinese workbook: in a column of figures (one that holds a number,
// or nothing but "NA" and empty cells), "NA", a figure that is missing
// or cannot be computed (as fixed and num write it), becomes an empty
// cell, which the workbook writes as a blank (tabular.SheetData.Blanks),
// so that a spreadsheet's formulas and filters take it for missing; in a
// column of true and false, they become 是 and 否. Other columns (units,
// grades, notes) keep their cells: a unit may be named NA. Every empty
// cell is written as a blank.
func xlsxCells(recs [][]string) {
	if len(recs) < 2 {
		return
	}
	ncol := 0
	for _, r := range recs[1:] {
		ncol = max(ncol, len(r))
	}
	for j := range ncol {
		figures, flags, text := false, false, false
		for _, r := range recs[1:] {
			if j >= len(r) {
				continue
			}
			switch c := r[j]; c {
			case "", "NA":
			case "true", "false":
				flags = true
			default:
				if _, err := strconv.ParseFloat(c, 64); err == nil {
					figures = true
				} else {
					text = true
				}
			}
		}
		for _, r := range recs[1:] {
			if j >= len(r) {
				continue
			}
			switch {
			case r[j] == "NA" && (figures || !text):
				r[j] = ""
			case flags && !figures && !text && r[j] == "true":
				r[j] = "是"
			case flags && !figures && !text && r[j] == "false":
				r[j] = "否"
			}
		}
	}
}

// xlsxHelp is the part of -format's help on xlsx, the rules of xlsxCells,
// in the help of a command that writes xlsx and takes -lang (see
// xlsxCellsHelp).
const xlsxHelp = `;
xlsx is a workbook, numbers as numbers: in Chinese and with -lang both a
missing figure (NA) is a blank cell and true/false are 是/否, with -lang en
they stay NA, true and false`

// xlsxCellsHelp adds xlsxHelp to the help of -format when fs has -lang
// and -format offers xlsx; format.register and langFlag call it, in
// whichever order a command registers them.
func xlsxCellsHelp(fs *flag.FlagSet) {
	f, l := fs.Lookup("format"), fs.Lookup("lang")
	if f == nil || l == nil || !strings.Contains(f.Usage, "xlsx") || strings.HasSuffix(f.Usage, xlsxHelp) {
		return
	}
	f.Usage += xlsxHelp
}

// format is an output format flag. Every command that writes CSV can
// also write an .xlsx workbook ("xlsx"): the command writes CSV, which
// output.flush turns into a workbook; CSV itself is written with the cells
// a spreadsheet would run as formulas neutralised (tabular.SafeCSV).
type format struct {
	name    string
	allowed []string
	xlsx    bool // -format xlsx: name is "csv" once check has run
}

// formatValue is the flag.Value of -format, through which output.flush
// finds the format.
type formatValue struct{ f *format }

func (v *formatValue) String() string {
	if v == nil || v.f == nil {
		return ""
	}
	return v.f.name
}

func (v *formatValue) Set(s string) error { v.f.name = s; return nil }

func (f *format) register(fs *flag.FlagSet, def string, allowed ...string) {
	f.name = def
	f.allowed = allowed
	if slices.Contains(allowed, "csv") && !slices.Contains(allowed, "xlsx") {
		f.allowed = append(slices.Clone(allowed), "xlsx")
	}
	fs.Var(&formatValue{f}, "format", "output `format`: "+strings.Join(f.allowed, ", "))
	xlsxCellsHelp(fs)
}

func (f *format) check() error {
	if f.name == "xlsx" && slices.Contains(f.allowed, "xlsx") {
		f.name, f.xlsx = "csv", true
		return nil
	}
	for _, a := range f.allowed {
		if f.name == a {
			return nil
		}
	}
	return usagef("unknown -format %q (want %s)", f.name, strings.Join(f.allowed, ", "))
}

// nargs checks the number of positional arguments.
func nargs(args []string, names ...string) error {
	if len(args) != len(names) {
		return usagef("want %d argument(s), %s; got %d", len(names), strings.Join(names, " "), len(args))
	}
	return nil
}
