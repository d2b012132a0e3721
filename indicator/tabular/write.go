package tabular

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// SheetData is one table to write to a workbook: the sheet's name and its
// rows of cells, the header first.
type SheetData struct {
	Name string
	Rows [][]string
	// Blanks writes an empty cell text as a blank cell, one with no
	// value, which a spreadsheet's formulas, filters and counts take for
	// missing (ISBLANK, COUNTBLANK, AVERAGE skip it); false writes it as
	// a text of length zero, which they take for a value.
	Blanks bool
}

// WriteXLSX writes the tables as a workbook, one sheet per table in
// order. A cell that is a number in decimal notation (as [ParseNumber]
// reads plain numbers: no percent signs, separators or full-width digits)
// is written as a number, rounded to the 15 significant digits that Excel
// keeps of a number (92.29621495599369 is stored as 92.2962149559937; write
// CSV or JSON where every bit matters); every other cell is written as text, never as a formula. Sheet names
// are made valid for Excel (at most 31 characters, none of : \ / ? * [ ],
// unique). An empty cell is an empty text, or a blank cell when the
// sheet's Blanks is set. An empty list writes one empty sheet.
func WriteXLSX(w io.Writer, sheets []SheetData) (err error) {
	f := excelize.NewFile()
	defer f.Close()
	used := map[string]bool{}
	for k, s := range sheets {
		name := sheetName(s.Name, k, used)
		if k == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		row := []any{}
		for i, r := range s.Rows {
			row = row[:0]
			for _, c := range r {
				if c == "" && s.Blanks {
					row = append(row, nil) // no cell: SetRow skips nil
				} else if i > 0 && numberCell(c) {
					// Round to 15 significant digits here: excelize
					// truncates longer numbers to 15 digits.
					x, _ := strconv.ParseFloat(c, 64)
					x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
					row = append(row, x)
				} else {
					row = append(row, excelize.Cell{Value: c})
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := sw.SetRow(cell, row); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// numberCell reports whether c is a finite number in plain decimal
// notation that reads back exactly.
func numberCell(c string) bool {
	if c == "" || !plainDecimal(c) {
		return false
	}
	_, err := strconv.ParseFloat(c, 64)
	return err == nil
}

// sheetName returns a valid, unused sheet name for name.
func sheetName(name string, k int, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, strings.Trim(name, "'"))
	if name == "" {
		name = fmt.Sprintf("Sheet%d", k+1)
	}
	if utf8.RuneCountInString(name) > 31 {
		name = string([]rune(name)[:31])
	}
	base := name
	for i := 2; used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		r := []rune(base)
		if len(r)+len(suffix) > 31 {
			r = r[:31-len(suffix)]
		}
		name = string(r) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

// SafeCell returns c neutralised for a spreadsheet: a cell that begins
// with =, +, -, @, a tab or a carriage return and is not a number would
// be run as a formula by Excel or LibreOffice (CSV injection, OWASP), so
// it is returned with a leading apostrophe, which spreadsheets show as
// text. Other cells, numbers such as -3.5 or +2 among them, are returned
// unchanged.
func SafeCell(c string) string {
	if c == "" {
		return c
	}
	switch c[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if numberCell(c) {
			return c
		}
		return "'" + c
	}
	return c
}

// CellText returns the text that a cell neutralised by [SafeCell] stands
// for, as a spreadsheet shows it: c without the apostrophe before a
// leading =, +, -, @, tab or carriage return; any other cell as it is.
// For every cell c that does not begin with an apostrophe,
// CellText(SafeCell(c)) is c.
func CellText(c string) string {
	if len(c) > 1 && c[0] == '\'' {
		switch c[1] {
		case '=', '+', '-', '@', '\t', '\r':
			return c[1:]
		}
	}
	return c
}

// SafeCSV copies the CSV text src to w with every cell passed through
// [SafeCell]. Text without a cell to neutralise is copied as it is.
func SafeCSV(w io.Writer, src []byte) error {
	if !riskyCSV(src) {
		_, err := w.Write(src)
		return err
	}
	r := csv.NewReader(bytes.NewReader(src))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	cw := csv.NewWriter(w)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		for j, c := range rec {
			rec[j] = SafeCell(c)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// riskyCSV reports whether some cell of the CSV text src may need
// neutralising: it begins (after an opening quote) with one of the
// characters of SafeCell and is not a number.
func riskyCSV(src []byte) bool {
	inQuote := false
	start := 0 // start of the current field's content
	for i := 0; i <= len(src); i++ {
		if i == start && i < len(src) {
			c := src[i]
			if c == '"' && !inQuote {
				inQuote = true
				start = i + 1
				continue
			}
			switch c {
			case '=', '+', '-', '@', '\t', '\r':
				end := i
				for end < len(src) && src[end] != ',' && src[end] != '\n' && src[end] != '"' {
					end++
				}
				if !numberCell(string(src[i:end])) && !(c == '\r' && end == i+1) {
					return true
				}
			}
		}
		if i == len(src) {
			break
		}
		switch c := src[i]; {
		case inQuote && c == '"':
			if i+1 < len(src) && src[i+1] == '"' {
				i++
			} else {
				inQuote = false
			}
		case !inQuote && (c == ',' || c == '\n'):
			start = i + 1
		}
	}
	return false
}
