package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads one sheet of a workbook: cells as their stored values
// (numbers and dates as numbers, not as displayed; formulas by their
// cached value; shared and inline strings as text), with two exceptions
// that read a number as the office typed it: a number of more than 15
// significant digits is rounded to 15 (see longNumber), and a number
// shown as a percentage or with fixed decimals reads as CSV exported from
// the sheet does, "96%" for 0.96 and "93.50" for 93.5 under 0.00 (see
// numberStyle.text).
//
// The sheet is read by the package's own streaming reader
// (readXLSXStream, whose comment says why); a workbook it does not
// follow is read by excelize (readXLSXExcelize), with the same result.
func readXLSX(b []byte, opt Options) (g *Grid, err error) {
	defer func() {
		// excelize is a large parser of untrusted input; a panic in it
		// is reported as a broken workbook rather than crashing the
		// caller.
		if r := recover(); r != nil {
			g, err = nil, invalidf("broken workbook (%v)", r)
		}
	}()
	if !bytes.HasPrefix(b, zipMagic) {
		return nil, invalidf("not an .xlsx workbook (no ZIP container)")
	}
	if err := countCells(b, opt); err != nil {
		return nil, err
	}
	g, err = readXLSXStream(b, opt)
	if err != errUnsupported {
		return g, err
	}
	if err := checkParts(b); err != nil {
		return nil, err
	}
	return readXLSXExcelize(b, opt)
}

// checkParts inflates every part of the workbook b, whose declared sizes
// countCells bounded, and returns a partError for the first that does not
// inflate to its declared size and checksum: excelize would read it as
// empty or cut short without a word.
func checkParts(b []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil // excelize says what is wrong
	}
	useFastInflate(zr)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			continue // excelize says what is wrong
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return &partError{f.Name, err}
		}
	}
	return nil
}

// readXLSXExcelize is readXLSX through excelize, after the checks of
// readXLSX.
func readXLSXExcelize(b []byte, opt Options) (*Grid, error) {
	lim := opt.Limits.maxUnzipped()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    lim,
		UnzipXMLSizeLimit: lim, // keep parts in memory: no temporary files
	})
	if err != nil {
		return nil, workbookErr(err, lim)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, invalidf("the workbook has no sheet")
	}
	g := &Grid{Info: Info{Format: FormatXLSX}}
	name, err := pickSheet(sheets, opt, &g.Info)
	if err != nil {
		return nil, err
	}
	g.Info.Sheet = name
	rows, err := f.Rows(name)
	if err != nil {
		return nil, workbookErr(err, lim)
	}
	defer rows.Close()
	maxCells := opt.Limits.maxCells()
	cells := 0
	styles := numberStyles(f)
	for r := 1; rows.Next(); r++ {
		rec, err := rows.Columns()
		if err != nil {
			return nil, &Error{Sheet: name, Line: r, Err: workbookErr(err, lim)}
		}
		if len(trimRow(rec)) == 0 {
			continue
		}
		for j, c := range rec {
			if x, ok := longNumber(c); ok && isNumberCell(f, name, j, r) {
				c = strconv.FormatFloat(x, 'g', -1, 64)
				rec[j] = c
			}
			if styles != nil && c != "" && isNumberText(c) {
				if cell, err := excelize.CoordinatesToCellName(j+1, r); err == nil {
					if st, err := f.GetCellStyle(name, cell); err == nil {
						if ns, ok := styles[st]; ok && isNumberCell(f, name, j, r) {
							rec[j] = ns.text(c)
						}
					}
				}
			}
		}
		cells += len(rec)
		if cells > maxCells {
			return nil, tooManyCells(name, r, maxCells)
		}
		g.Rows = append(g.Rows, rec)
		g.Lines = append(g.Lines, r)
	}
	if err := rows.Error(); err != nil {
		return nil, &Error{Sheet: name, Err: workbookErr(err, lim)}
	}
	return g, nil
}

// isNumberCell reports whether the cell of 0-based column j and 1-based
// row r holds a number (not text that looks like one).
func isNumberCell(f *excelize.File, sheet string, j, r int) bool {
	cell, err := excelize.CoordinatesToCellName(j+1, r)
	if err != nil {
		return false
	}
	t, err := f.GetCellType(sheet, cell)
	return err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset)
}

func isNumberText(c string) bool {
	_, err := strconv.ParseFloat(c, 64)
	return err == nil
}

// numberStyle is what a cell's number format says about its text: a
// percentage, or a number of fixed decimals (-1: not fixed).
type numberStyle struct {
	percent  bool
	decimals int
}

// text returns the text of the stored number c under the style: see
// percentText, and, for a format of fixed decimals, c with those
// decimals when they are the same number (93.5 under 0.00 is "93.50", as
// shown and as CSV exported from the sheet writes it; a number with more
// digits than shown keeps them).
func (ns numberStyle) text(c string) string {
	if ns.percent {
		return percentText(c)
	}
	x, err := strconv.ParseFloat(c, 64)
	if err != nil || math.IsInf(x, 0) {
		return c
	}
	t := strconv.FormatFloat(x, 'f', ns.decimals, 64)
	if y, err := strconv.ParseFloat(t, 64); err != nil || math.Float64bits(y) != math.Float64bits(x) {
		return c
	}
	return t
}

// numberStyles returns the styles of the workbook whose number format
// shows a percentage (the built-in formats 0% and 0.00%, or a custom
// format with a percent sign) or a fixed number of decimals (0, 0.00,
// #,##0, #,##0.00, or a custom format such as 0.000), nil when there is
// none: then no cell's style is looked up.
func numberStyles(f *excelize.File) map[int]numberStyle {
	var p map[int]numberStyle
	for idx := 0; idx < 1<<16; idx++ {
		st, err := f.GetStyle(idx)
		if err != nil {
			break
		}
		if ns, ok := styleOf(st.NumFmt, st.CustomNumFmt); ok {
			if p == nil {
				p = map[int]numberStyle{}
			}
			p[idx] = ns
		}
	}
	return p
}

// styleOf returns the number style of a cell format of built-in number
// format numFmt or custom format code custom (see numberStyles), ok
// false when it shows neither a percentage nor fixed decimals.
func styleOf(numFmt int, custom *string) (numberStyle, bool) {
	ns := numberStyle{decimals: -1}
	switch {
	case numFmt == 9 || numFmt == 10 || custom != nil && strings.Contains(*custom, "%"):
		ns.percent = true
	case custom != nil:
		ns.decimals = fixedDecimals(*custom)
	case numFmt == 1 || numFmt == 3:
		ns.decimals = 0
	case numFmt == 2 || numFmt == 4:
		ns.decimals = 2
	}
	return ns, ns.percent || ns.decimals >= 0
}

// fixedDecimals returns the number of decimals of a number format made of
// digit placeholders and thousands separators (0.000, #,##0.0), or -1.
func fixedDecimals(format string) int {
	intPart, frac, dot := strings.Cut(format, ".")
	if intPart == "" || strings.Trim(intPart, "#,0") != "" || !strings.HasSuffix(intPart, "0") {
		return -1
	}
	if !dot {
		return 0
	}
	if frac == "" || strings.Trim(frac, "0") != "" {
		return -1
	}
	return len(frac)
}

// percentText returns the stored fraction c of a cell shown as a
// percentage as the text a spreadsheet shows, in percent points with a
// percent sign: 0.96 is "96%", as CSV exported from it reads. The decimal
// point of the shortest decimal of c moves two places, so no rounding of
// a multiplication enters.
func percentText(c string) string {
	x, err := strconv.ParseFloat(c, 64)
	if err != nil {
		return c
	}
	e := strconv.FormatFloat(x, 'e', -1, 64) // d.ddde±XX
	k := strings.LastIndexByte(e, 'e')
	exp, err := strconv.Atoi(e[k+1:])
	if err != nil {
		return c
	}
	y, err := strconv.ParseFloat(e[:k]+"e"+strconv.Itoa(exp+2), 64)
	if err != nil {
		return c
	}
	return strconv.FormatFloat(y, 'f', -1, 64) + "%"
}

// longNumber reports whether c is a number of more than 15 significant
// digits, and returns it rounded to 15. Excel keeps numbers to 15
// significant digits, and writers store more digits than that of a
// decimal typed in a cell (openpyxl stores 66.51 as 66.51000000000001, a
// different float64); rounding reads the decimal that was typed.
func longNumber(c string) (float64, bool) {
	if len(c) < 17 || len(c) > 32 {
		return 0, false
	}
	digits := 0
	for i := 0; i < len(c) && c[i] != 'e' && c[i] != 'E'; i++ {
		if c[i] >= '0' && c[i] <= '9' && (digits > 0 || c[i] != '0') {
			digits++
		}
	}
	if digits <= 15 {
		return 0, false
	}
	x, err := strconv.ParseFloat(c, 64)
	if err != nil || math.IsInf(x, 0) {
		return 0, false
	}
	x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
	return x, true
}

func workbookErr(err error, lim int64) error {
	switch {
	case errors.Is(err, excelize.ErrWorkbookPassword), errors.Is(err, excelize.ErrWorkbookFileFormat):
		return invalidf("the workbook is encrypted or not an .xlsx file; save it as .xlsx without a password")
	case strings.Contains(err.Error(), "unzip size"):
		return fmt.Errorf("%w: the workbook's parts decompress to more than %d bytes (Limits.MaxUnzipped)", ErrLimit, lim)
	case errors.Is(err, excelize.ErrMaxRows):
		return invalidf("a row number beyond the sheet's limit")
	}
	return invalidf("broken workbook: %v", err)
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = strconv.Quote(x)
	}
	if len(q) > 10 {
		q = append(q[:10], "…")
	}
	return strings.Join(q, ", ")
}
