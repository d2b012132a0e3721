package tabular

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// minCellBytes is the length of the shortest cell element with content,
// <c></c>: a sheet part shorter than minCellBytes × MaxCells cannot hold
// more than MaxCells cells, and is not counted before it is read.
const minCellBytes = 7

// countCells refuses a workbook whose parts decompress to more than
// MaxUnzipped bytes, or whose sheet to be read (opt.Sheet, default the
// first) has more than MaxCells cells with content, before excelize
// decompresses the workbook into memory: the sheet's part is streamed
// through a scanner that counts its <c> elements (not self-closing ones,
// which hold no value) and stops at the limit, so that a million-row
// sheet fails within a fraction of a second and a few megabytes. The
// error is the one the reader gives at the same row. A workbook whose
// structure the counter does not follow is left to excelize, which
// reports its errors and applies the same limits while reading.
func countCells(b []byte, opt Options) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil
	}
	useFastInflate(zr)
	lim := opt.Limits.maxUnzipped()
	var total uint64
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		total += f.UncompressedSize64
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	if total > uint64(lim) {
		return fmt.Errorf("%w: the workbook's parts decompress to more than %d bytes (Limits.MaxUnzipped)", ErrLimit, lim)
	}
	name, part := sheetPart(files, opt.Sheet)
	f := files[part]
	maxCells := opt.Limits.maxCells()
	if f == nil || f.UncompressedSize64 < uint64(minCellBytes*maxCells) {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	row, cells, err := scanCells(bufio.NewReaderSize(rc, 64<<10), maxCells)
	if err != nil || cells <= maxCells {
		return nil
	}
	return tooManyCells(name, row, maxCells)
}

// tooManyCells is the error of a sheet with more than max cells, at the
// row where the count passed max: the same from the counter and the
// readers.
func tooManyCells(sheet string, row, max int) error {
	return &Error{Sheet: sheet, Line: row, Err: fmt.Errorf("%w: more than %d cells in the sheet (Limits.MaxCells)", ErrLimit, max)}
}

// scanCells counts the <c> elements with content of a sheet's XML,
// stopping when they exceed max; it returns the row (its r attribute, or
// its position) at which it stopped.
func scanCells(r *bufio.Reader, max int) (row, cells int, err error) {
	for {
		if _, err := r.ReadSlice('<'); err != nil {
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				err = nil
			}
			return row, cells, err
		}
		tag, err := r.ReadSlice('>')
		if err != nil {
			// A tag longer than the buffer (an attribute of 64 KiB)
			// or the end of the part: leave the file to excelize.
			return row, cells, err
		}
		n := bytes.IndexAny(tag, " \t\r\n/>")
		local := tag[:n]
		if k := bytes.IndexByte(local, ':'); k >= 0 {
			local = local[k+1:]
		}
		switch string(local) {
		case "row":
			row++
			if k := bytes.Index(tag, []byte(` r="`)); k >= 0 {
				v := tag[k+4:]
				if e := bytes.IndexByte(v, '"'); e >= 0 {
					if x, err := strconv.Atoi(string(v[:e])); err == nil {
						row = x
					}
				}
			}
		case "c":
			if len(tag) < 2 || tag[len(tag)-2] != '/' {
				if cells++; cells > max {
					return row, cells, nil
				}
			}
		}
	}
}

// sheetPart returns the name and ZIP path of the sheet that readXLSX
// reads: the one named sheet (or the sheet of that 1-based number), or
// the first; "" when the workbook's structure does not say.
func sheetPart(files map[string]*zip.File, sheet string) (name, part string) {
	wbPath := "xl/workbook.xml"
	var root rels
	if readXMLPart(files, "_rels/.rels", &root) == nil {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"id,attr"`
		} `xml:"sheets>sheet"`
	}
	if readXMLPart(files, wbPath, &wb) != nil || len(wb.Sheets) == 0 {
		return "", ""
	}
	k := 0
	if sheet != "" {
		k = -1
		for i, s := range wb.Sheets {
			if s.Name == sheet {
				k = i
				break
			}
		}
		if n, err := strconv.Atoi(sheet); k < 0 && err == nil && n >= 1 && n <= len(wb.Sheets) {
			k = n - 1
		}
		if k < 0 {
			return "", ""
		}
	}
	var wbRels rels
	dir, file := path.Split(wbPath)
	if readXMLPart(files, dir+"_rels/"+file+".rels", &wbRels) != nil {
		return "", ""
	}
	for _, r := range wbRels.Rels {
		if r.ID == wb.Sheets[k].ID {
			if strings.HasPrefix(r.Target, "/") {
				return wb.Sheets[k].Name, r.Target[1:]
			}
			return wb.Sheets[k].Name, path.Join(dir, r.Target)
		}
	}
	return "", ""
}

type rels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// readXMLPart decodes a small part of the workbook (at most 16 MiB read).
func readXMLPart(files map[string]*zip.File, name string, v any) error {
	f := files[name]
	if f == nil {
		return fmt.Errorf("no part %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(v)
}
