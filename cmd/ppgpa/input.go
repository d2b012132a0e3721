package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ppgpa/ppgpa/indicator/tabular"
)

// inputFlags are the flags that say how tabular input files are read;
// every command that reads a table registers them, so that a file one
// command reads every command reads (see package indicator/tabular).
type inputFlags struct {
	sheet, encoding, unit, na string
	headerRow                 int
	skipSummary               bool
}

// inputHelp is the paragraph of each command's help on input files.
const inputHelp = `Input files may be CSV in UTF-8 (with or without a byte-order mark), GBK/GB18030
(detected, or -encoding gbk) or UTF-16 (Excel's "Unicode text", tab-separated),
.xlsx workbooks (-sheet; numbers and dates as stored, formulas by their cached
value) or JSON records, detected by their content. The header may sit below
title rows (or -header-row N); serial-number columns (序号), empty rows and
columns are ignored; the unit column is found by its header (单位, 地区, 部门,
unit, id, ...) or named with -unit. Missing values: an empty cell, NA, /, —,
－, 暂无, N/A, #N/A, #DIV/0!, null and the others of -na; 96% reads as 96,
"1,234" as 1234, ９６ as 96. A summary row (合计, 平均) is an error unless
-skip-summary. Long data (unit,indicator,value) read as the same table.`

// inputShortHelp is the paragraph on input files of the commands without
// the input flags.
const inputShortHelp = `Tabular input files may be CSV in UTF-8, GBK/GB18030 or UTF-16 (tab-separated),
the first sheet of an .xlsx workbook, or JSON records, detected by their content.
CSV output neutralises cells a spreadsheet would run as formulas; -format xlsx,
where CSV is offered, writes a workbook.`

// recordHelp is the paragraph on input files of the commands that read
// tables of their own layout (matrices, margins, estimates, strata,
// published tables) with the reading flags -sheet, -encoding and
// -header-row.
const recordHelp = `Tabular input files may be CSV in UTF-8 (with or without a byte-order mark),
GBK/GB18030 (detected, or -encoding gbk) or UTF-16 (Excel's "Unicode text",
tab-separated), .xlsx workbooks (-sheet; numbers as stored, formulas by their
cached value) or JSON records, detected by their content; the header is the
first non-empty row, or -header-row N below title rows. The flags apply to
every tabular file the command reads. CSV output neutralises cells a
spreadsheet would run as formulas; -format xlsx, where CSV is offered, writes
a workbook.`

// registerReading adds the flags that say how a file is read, not how
// its table is laid out: -sheet, -encoding and -header-row (see
// recordHelp).
func (in *inputFlags) registerReading(fs *flag.FlagSet) {
	fs.StringVar(&in.sheet, "sheet", "", "`sheet` of an .xlsx input, by name or 1-based number (default the first)")
	fs.StringVar(&in.encoding, "encoding", "", "text `encoding` of CSV input: utf-8, gbk, gb18030, utf-16le, utf-16be (default: detected)")
	fs.IntVar(&in.headerRow, "header-row", 0, "1-based `line` or sheet row of the header (default: the first non-empty row)")
}

// readTabular reads a tabular input file for the readers of records
// (readCSVRecords, readTargets and the survey package's CSV readers): a
// workbook, text that is not UTF-8 and any file read with the reading
// flags set is read through package tabular and given as UTF-8 CSV text
// from the header row on; UTF-8 CSV and JSON as they are.
func (e *env) readTabular(name string) ([]byte, error) {
	in := e.reading
	b, err := e.readInput(name)
	if err != nil {
		return nil, err
	}
	flags := in != nil && (in.sheet != "" || in.encoding != "" || in.headerRow != 0)
	switch tabular.Detect(b) {
	case tabular.FormatJSON:
		return b, nil
	case tabular.FormatCSV:
		if !flags && utf8.Valid(b) {
			return b, nil
		}
	}
	if in == nil {
		in = &inputFlags{}
	}
	opt, err := in.options()
	if err != nil {
		return nil, err
	}
	g, err := tabular.GridFromBytes(b, opt)
	if err != nil {
		return nil, inputErr(displayName(name), err)
	}
	e.notes(displayName(name), &g.Info)
	rows := g.Rows
	if in.headerRow > 0 {
		i := 0
		for i < len(rows) && g.Lines[i] < in.headerRow {
			i++
		}
		if i == len(rows) || g.Lines[i] != in.headerRow {
			return nil, fmt.Errorf("%s: -header-row %d: that %s is empty or beyond the end", displayName(name), in.headerRow, map[bool]string{true: "row", false: "line"}[g.Info.Format == tabular.FormatXLSX])
		}
		rows = rows[i:]
	}
	// Each row goes on the line of the CSV text that it had in the file
	// (its sheet row in a workbook): the lines of the rows left out
	// (blank, or above -header-row) are written empty, which the readers
	// skip, so that their errors name the file's own lines.
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	line := 1 // of the next row written
	lines := g.Lines[len(g.Lines)-len(rows):]
	for k, r := range rows {
		if len(rows) > 0 && g.Info.Format == tabular.FormatXLSX && len(r) < len(rows[0]) {
			// A sheet's row ends at its last non-empty cell.
			r = append(slices.Clip(r), make([]string, len(rows[0])-len(r))...)
		}
		w.Flush()
		for ; line < lines[k]; line++ {
			out.WriteByte('\n')
		}
		w.Write(r)
		line++
		for _, c := range r {
			line += strings.Count(c, "\n") // a cell over several lines
		}
	}
	w.Flush()
	return out.Bytes(), w.Error()
}

// readingFlags returns the values of the reading flags of a command's
// parsed flags (nil without them).
func readingFlags(fs *flag.FlagSet) *inputFlags {
	sheet, enc, row := fs.Lookup("sheet"), fs.Lookup("encoding"), fs.Lookup("header-row")
	if sheet == nil || enc == nil || row == nil {
		return nil
	}
	in := &inputFlags{sheet: sheet.Value.String(), encoding: enc.Value.String()}
	in.headerRow, _ = strconv.Atoi(row.Value.String())
	return in
}

// register adds the flags; withUnit is false for commands that already
// have a -unit flag of their own meaning the same column.
func (in *inputFlags) register(fs *flag.FlagSet, withUnit bool) {
	fs.StringVar(&in.sheet, "sheet", "", "`sheet` of an .xlsx input, by name or 1-based number (default the first)")
	fs.StringVar(&in.encoding, "encoding", "", "text `encoding` of CSV input: utf-8, gbk, gb18030, utf-16le, utf-16be (default: detected)")
	if withUnit {
		fs.StringVar(&in.unit, "unit", "", "header of the unit-id `column` (default: found by its header, e.g. 单位, 地区, unit, id)")
	}
	fs.IntVar(&in.headerRow, "header-row", 0, "1-based `line` or sheet row of the header (default: the first row as wide as the table, below any title rows)")
	fs.StringVar(&in.na, "na", "", "comma-separated `tokens` read as missing values, replacing the default set; with a leading + added to it")
	fs.BoolVar(&in.skipSummary, "skip-summary", false, "drop summary rows (合计, 总计, 平均, 均值, ...) instead of failing on them")
}

// options returns the reading options of the flags.
func (in *inputFlags) options() (tabular.Options, error) {
	var o tabular.Options
	if in == nil {
		return o, nil
	}
	if in.headerRow < 0 {
		return o, usagef("-header-row must be positive")
	}
	o.Sheet, o.Encoding, o.Unit, o.HeaderRow, o.SkipSummary = in.sheet, in.encoding, in.unit, in.headerRow, in.skipSummary
	if in.na != "" {
		s := in.na
		if strings.HasPrefix(s, "+") {
			o.NA = tabular.DefaultNA()
			s = s[1:]
		} else {
			o.NA = []string{}
		}
		for _, t := range strings.Split(s, ",") {
			if t = strings.TrimSpace(t); t != "" {
				o.NA = append(o.NA, t)
			}
		}
	}
	return o, nil
}

// inputErr names the file of a reading error and adds the hint of the
// flag that helps.
func inputErr(file string, err error) error {
	msg := err.Error()
	var te *tabular.Error
	switch {
	case errors.As(err, &te) && te.TextColumn:
		msg += " (a text column such as a region or type must be named with -attr)"
	case errors.Is(err, tabular.ErrSummaryRow):
		msg += " (-skip-summary)"
	}
	msg = strings.NewReplacer("choose one (Options.Year) or read them one table per year (ReadPanel)", "give one year per file", "Options.SkipSummary", "-skip-summary",
		// The limits of package tabular, which the commands keep at
		// their defaults; CSV text has no cell limit.
		"(Limits.MaxUnzipped)", "(the limit of a workbook; save the sheet as CSV)",
		"(Limits.MaxCells)", "(the limit of a sheet; save the sheet as CSV)",
		" (Limits.MaxBytes)", "").Replace(msg)
	for _, p := range []string{"indicator: invalid table: ", "tabular: invalid input: ", "tabular: input too large: "} {
		msg = strings.TrimPrefix(msg, p)
	}
	return fmt.Errorf("%s: %s", file, msg)
}

// notes writes the notes of reading a file to standard error.
func (e *env) notes(file string, info *tabular.Info) {
	if info == nil {
		return
	}
	for _, n := range info.Notes {
		fmt.Fprintf(e.stderr, "ppgpa %s: note: %s: %s\n", e.name, file, n)
	}
}

// readGrid reads the cells of a tabular file (CSV in any supported
// encoding, a workbook's sheet, JSON records) as records, the first being
// the first non-empty row, each with its source line.
func (e *env) readGrid(file string, b []byte, in *inputFlags) (*tabular.Grid, error) {
	opt, err := in.options()
	if err != nil {
		return nil, err
	}
	g, err := tabular.GridFromBytes(b, opt)
	if err != nil {
		return nil, inputErr(file, err)
	}
	e.notes(file, &g.Info)
	return g, nil
}

// readSheet reads and lays out a tabular file.
func (e *env) readSheet(file string, b []byte, in *inputFlags, attrs []string) (*tabular.Sheet, error) {
	opt, err := in.options()
	if err != nil {
		return nil, err
	}
	opt.Attributes = attrs
	s, err := tabular.Read(bytes.NewReader(b), opt)
	if err != nil {
		return nil, inputErr(file, err)
	}
	e.notes(file, &s.Info)
	return s, nil
}
