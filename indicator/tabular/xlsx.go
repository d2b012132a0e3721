package tabular

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads one sheet of a workbook: cells as their stored values
// (numbers and dates as numbers, not as displayed; formulas by their
// cached value; shared and inline strings as text).
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
	g = &Grid{Info: Info{Format: FormatXLSX}}
	name := sheets[0]
	switch {
	case opt.Sheet != "":
		name = ""
		for _, s := range sheets {
			if s == opt.Sheet {
				name = s
			}
		}
		if name == "" {
			if k, err := strconv.Atoi(opt.Sheet); err == nil && k >= 1 && k <= len(sheets) {
				name = sheets[k-1]
			}
		}
		if name == "" {
			return nil, invalidf("no sheet %q in the workbook (sheets: %s)", opt.Sheet, quoteList(sheets))
		}
	case len(sheets) > 1:
		g.Info.note("the workbook has %d sheets (%s); read the first, %q (choose another by name or number)", len(sheets), quoteList(sheets), name)
	}
	g.Info.Sheet = name
	rows, err := f.Rows(name)
	if err != nil {
		return nil, workbookErr(err, lim)
	}
	defer rows.Close()
	maxCells := opt.Limits.maxCells()
	cells := 0
	for r := 1; rows.Next(); r++ {
		rec, err := rows.Columns()
		if err != nil {
			return nil, &Error{Sheet: name, Line: r, Err: workbookErr(err, lim)}
		}
		if len(trimRow(rec)) == 0 {
			continue
		}
		cells += len(rec)
		if cells > maxCells {
			return nil, &Error{Sheet: name, Line: r, Err: fmt.Errorf("%w: more than %d cells in the sheet (Limits.MaxCells)", ErrLimit, maxCells)}
		}
		g.Rows = append(g.Rows, rec)
		g.Lines = append(g.Lines, r)
	}
	if err := rows.Error(); err != nil {
		return nil, &Error{Sheet: name, Err: workbookErr(err, lim)}
	}
	return g, nil
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
