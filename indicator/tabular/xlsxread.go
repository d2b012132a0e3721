package tabular

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// readXLSXStream reads one sheet of a workbook with a reader of the
// package's own, giving the Grid that readXLSXExcelize gives (the same
// cells, texts, rows, notes and errors), or errUnsupported for a
// workbook it does not follow, which is then read by excelize.
//
// Why not excelize on this path: speed and memory. excelize decodes the
// sheet's XML into structures through encoding/xml and, to tell numbers
// from text and to find the styles of cells, decodes the whole sheet a
// second time into its worksheet model. For a sheet of 3,000 rows × 201
// cells (19 MB of XML, a 4 MB workbook; BenchmarkReadXLSX) that is 1.49 s
// of CPU, 465 MB and 8.5 million allocations per read, and `ppgpa score`
// of it took 1,180 ms, 520 MB and 8.6 million allocations, 13 times the
// same data as CSV (BenchmarkScoreCommand3000x200, quiet machine). This
// reader streams the sheet's part out of the ZIP container, inflated a
// chunk ahead in a goroutine of its own, through a hand-written scanner
// of the few elements a sheet's data use (row, c, v, f, is), looks up
// shared strings and number formats in tables read once, and allocates
// one string per row for the cells' texts: 118 ms of CPU, 16 MB and
// 11,500 allocations for the same sheet, where inflating the part alone
// takes 89 ms (both at a load of 15 on two cores); `ppgpa score` of the
// workbook 1.70 -> 0.23 s of CPU and 497 -> 71 MiB at a load of 13.
//
// What it reads, as excelize does: the workbook's sheet list and
// relationships, the shared strings (plain, rich-text runs joined,
// phonetic runs left out, _xHHHH_ escapes decoded), the number formats
// of the styles (which cells show a percentage or fixed decimals, as
// numberStyles decides), and in the sheet: cell references with gaps,
// the cell types s, str, inlineStr, b, e, n, d, cached values of
// formulas (a formula with no cached value is an empty cell that
// counts in the row's length), shared formulas, empty values. Dates
// and times are their stored serial numbers, whatever the workbook's
// date system (1900 or 1904), as excelize's raw values are.
//
// What it leaves to excelize (errUnsupported): encrypted and Strict
// OOXML workbooks, parts in other encodings, XML it does not follow
// (CDATA, processing instructions, carriage returns, names outside
// ASCII, elements it does not know inside sheetData), cells without a
// reference or out of order, a value inside a merged range other than
// its first cell, rich-text inline strings, and anything excelize would
// read otherwise or refuse. Parts the data do not depend on (theme,
// calculation chain, document properties, pictures) are not read, so a
// workbook whose data are sound but one of those parts is broken reads
// here, where excelize refused it; and where excelize's model of the
// sheet does not decode (an attribute of the wrong type anywhere in the
// sheet), excelize silently left numbers unformatted and unrounded,
// where this reader applies the sheet's number formats.
func readXLSXStream(b []byte, opt Options) (*Grid, error) {
	sr, closeSheet, err := openSheet(b, opt)
	if err != nil {
		return nil, err
	}
	defer closeSheet()
	if err := sr.read(); err != nil {
		var e *Error
		var pe *partError
		if errors.As(err, &e) || errors.As(err, &pe) {
			return nil, err // the limit of cells, or a broken part
		}
		return nil, errUnsupported
	}
	return sr.g, nil
}

// partError is a read error of a workbook's part: its bytes do not
// inflate, or inflate to another size or checksum than the ZIP declares
// (a damaged file, or a zip bomb that lies about its sizes). excelize
// ignores such an error and reads the part as empty or cut short, so the
// reader reports it instead of leaving the workbook to excelize.
type partError struct {
	name string
	err  error
}

func (e *partError) Error() string {
	return fmt.Sprintf("%v: broken workbook: part %s: %v", ErrInvalid, e.name, e.err)
}

func (e *partError) Unwrap() error { return ErrInvalid }

// partReader reads a part, its read errors as partError.
type partReader struct {
	r    io.Reader
	name string
}

func (p *partReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if err != nil && err != io.EOF {
		err = &partError{p.name, err}
	}
	return n, err
}

// openSheet opens the sheet of the workbook b that opt chooses, for
// reading by the returned reader; closeSheet releases it. The error is
// errUnsupported for a workbook the reader does not follow, or an error
// about the choice of the sheet.
func openSheet(b []byte, opt Options) (sr *sheetReader, closeSheet func(), err error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, nil, errUnsupported
	}
	useFastInflate(zr)
	parts := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		// excelize's names of the parts (ReadZipReader).
		name := strings.ReplaceAll(f.Name, "\\", "/")
		switch strings.ToLower(name) {
		case "[content_types].xml":
			name = "[Content_Types].xml"
		case "xl/sharedstrings.xml":
			name = "xl/sharedStrings.xml"
		}
		if parts[name] != nil {
			return nil, nil, errUnsupported
		}
		parts[name] = f
	}
	var root xmlRels
	if err := decodePart(parts, "_rels/.rels", &root); err != nil {
		return nil, nil, err
	}
	wbPath := ""
	for _, r := range root.Rels {
		if r.Type == "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" {
			wbPath = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	var wb xmlWorkbook
	if wbPath == "" || parts[wbPath] == nil {
		return nil, nil, errUnsupported
	}
	if err := decodePart(parts, wbPath, &wb); err != nil {
		return nil, nil, err
	}
	relsPath := "_rels/" + path.Base(wbPath) + ".rels"
	if dir := path.Dir(wbPath); dir != "." {
		relsPath = strings.TrimPrefix(dir+"/_rels/"+path.Base(wbPath)+".rels", "/")
	}
	var wbRels xmlRels
	if parts[relsPath] == nil {
		return nil, nil, errUnsupported
	}
	if err := decodePart(parts, relsPath, &wbRels); err != nil {
		return nil, nil, err
	}
	var types xmlContentTypes
	if err := decodePart(parts, "[Content_Types].xml", &types); err != nil {
		return nil, nil, err
	}
	sheets := make([]string, len(wb.Sheets))
	for i, s := range wb.Sheets {
		sheets[i] = s.Name
		for _, t := range sheets[:i] {
			if strings.EqualFold(t, s.Name) {
				return nil, nil, errUnsupported // excelize would pick either
			}
		}
	}
	if len(sheets) == 0 {
		return nil, nil, errUnsupported
	}
	g := &Grid{Info: Info{Format: FormatXLSX}}
	name, err := pickSheet(sheets, opt, &g.Info)
	if err != nil {
		return nil, nil, err
	}
	if !validSheetName(name) {
		return nil, nil, errUnsupported
	}
	g.Info.Sheet = name
	part := ""
	for _, s := range wb.Sheets {
		if s.Name != name {
			continue
		}
		for _, r := range wbRels.Rels {
			if r.ID == s.ID {
				if part != "" {
					return nil, nil, errUnsupported
				}
				part = worksheetPath(wbPath, r.Target)
			}
		}
	}
	if part == "" || parts[part] == nil || !strings.HasPrefix(part, "xl/worksheets/") {
		return nil, nil, errUnsupported
	}
	// The sheet's part is opened, and a large one starts inflating in a
	// goroutine of its own, before the styles and shared strings are
	// read, so that both go on at once.
	rc, err := parts[part].Open()
	if err != nil {
		return nil, nil, errUnsupported
	}
	// A small part is read directly, through a buffer of its size.
	var in io.Reader = &partReader{rc, part}
	closeSheet = func() { rc.Close() }
	size := parts[part].UncompressedSize64
	if size > aheadChunks*aheadChunkSize {
		ahead := inflateAhead(rc)
		in = ahead
		closeSheet = func() {
			ahead.close()
			rc.Close()
		}
	}
	styles, err := readStyles(parts)
	if err != nil {
		closeSheet()
		return nil, nil, err
	}
	var sst []string
	if f := parts["xl/sharedStrings.xml"]; f != nil {
		if sst, err = readSharedStrings(f); err != nil {
			closeSheet()
			var pe *partError
			if errors.As(err, &pe) {
				return nil, nil, err
			}
			return nil, nil, errUnsupported
		}
	}
	sr = &sheetReader{
		s:      newXMLScanner(in, int(min(max(size, 4<<10), 256<<10)), 4<<20),
		sst:    sst,
		styles: styles,
		g:      g,
		max:    opt.Limits.maxCells(),
		size:   size,
	}
	return sr, closeSheet, nil
}

// pickSheet returns the name of the sheet to read: opt.Sheet by name,
// or by its 1-based number, or the first (with a note in info when there
// are several).
func pickSheet(sheets []string, opt Options, info *Info) (string, error) {
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
			return "", invalidf("no sheet %q in the workbook (sheets: %s)", opt.Sheet, quoteList(sheets))
		}
	case len(sheets) > 1:
		info.note("the workbook has %d sheets (%s); read the first, %q (choose another by name or number)", len(sheets), quoteList(sheets), name)
	}
	return name, nil
}

// validSheetName reports whether excelize accepts name as a sheet's
// name (its checkSheetName).
func validSheetName(name string) bool {
	return name != "" && len(utf16.Encode([]rune(name))) <= 31 &&
		!strings.HasPrefix(name, "'") && !strings.HasSuffix(name, "'") &&
		!strings.ContainsAny(name, ":\\/?*[]")
}

// worksheetPath resolves a relationship's target as excelize does.
func worksheetPath(wbPath, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(strings.ReplaceAll(path.Clean(target), "\\", "/"), "/")
	}
	return strings.TrimPrefix(strings.ReplaceAll(path.Clean(path.Dir(wbPath)+"/"+target), "\\", "/"), "/")
}

// The parts decoded with encoding/xml, into the fields excelize reads,
// with excelize's names and types (so that a part excelize refuses is
// refused here, and left to it).
type (
	xmlRels struct {
		XMLName xml.Name `xml:"http://schemas.openxmlformats.org/package/2006/relationships Relationships"`
		Rels    []struct {
			ID         string `xml:"Id,attr"`
			Target     string `xml:",attr"`
			Type       string `xml:",attr"`
			TargetMode string `xml:",attr,omitempty"`
		} `xml:"Relationship"`
	}
	xmlWorkbook struct {
		XMLName xml.Name `xml:"http://schemas.openxmlformats.org/spreadsheetml/2006/main workbook"`
		Sheets  []struct {
			Name    string `xml:"name,attr,omitempty"`
			SheetID int    `xml:"sheetId,attr,omitempty"`
			ID      string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
			State   string `xml:"state,attr,omitempty"`
		} `xml:"sheets>sheet"`
	}
	xmlContentTypes struct {
		XMLName  xml.Name `xml:"http://schemas.openxmlformats.org/package/2006/content-types Types"`
		Defaults []struct {
			Extension, ContentType string `xml:",attr"`
		} `xml:"Default"`
		Overrides []struct {
			PartName, ContentType string `xml:",attr"`
		} `xml:"Override"`
	}
	xmlStyles struct {
		XMLName xml.Name `xml:"http://schemas.openxmlformats.org/spreadsheetml/2006/main styleSheet"`
		NumFmts *struct {
			Count  int `xml:"count,attr"`
			NumFmt []*struct {
				NumFmtID     int    `xml:"numFmtId,attr"`
				FormatCode   string `xml:"formatCode,attr"`
				FormatCode16 string `xml:"http://schemas.microsoft.com/office/spreadsheetml/2015/02/main formatCode16,attr,omitempty"`
			} `xml:"numFmt"`
		} `xml:"numFmts"`
		CellXfs *struct {
			Count int `xml:"count,attr"`
			Xf    []struct {
				NumFmtID          *int  `xml:"numFmtId,attr"`
				FontID            *int  `xml:"fontId,attr"`
				FillID            *int  `xml:"fillId,attr"`
				BorderID          *int  `xml:"borderId,attr"`
				XfID              *int  `xml:"xfId,attr"`
				QuotePrefix       *bool `xml:"quotePrefix,attr"`
				PivotButton       *bool `xml:"pivotButton,attr"`
				ApplyNumberFormat *bool `xml:"applyNumberFormat,attr"`
				ApplyFont         *bool `xml:"applyFont,attr"`
				ApplyFill         *bool `xml:"applyFill,attr"`
				ApplyBorder       *bool `xml:"applyBorder,attr"`
				ApplyAlignment    *bool `xml:"applyAlignment,attr"`
				ApplyProtection   *bool `xml:"applyProtection,attr"`
			} `xml:"xf,omitempty"`
		} `xml:"cellXfs"`
	}
)

// readPart returns the bytes of a small part (at most its declared size,
// which countCells bounded).
func readPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, errUnsupported
	}
	defer rc.Close()
	b := make([]byte, 0, f.UncompressedSize64)
	buf := bytes.NewBuffer(b)
	if _, err := io.Copy(buf, rc); err != nil {
		return nil, &partError{f.Name, err}
	}
	return buf.Bytes(), nil
}

// decodePart decodes a part as excelize does (an absent part decodes as
// empty), errUnsupported if it does not decode or is Strict OOXML.
func decodePart(parts map[string]*zip.File, name string, v any) error {
	f := parts[name]
	if f == nil {
		return nil
	}
	b, err := readPart(f)
	if err != nil {
		return err
	}
	if bytes.Contains(b, []byte("purl.oclc.org")) {
		return errUnsupported // excelize rewrites Strict namespaces
	}
	if err := xml.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil && err != io.EOF {
		return errUnsupported
	}
	return nil
}

// readStyles returns the number styles of the workbook's cell formats
// (see numberStyles), nil when none shows a percentage or fixed decimals.
func readStyles(parts map[string]*zip.File) (map[int]numberStyle, error) {
	var st xmlStyles
	if err := decodePart(parts, "xl/styles.xml", &st); err != nil {
		return nil, err
	}
	if st.CellXfs == nil {
		return nil, nil
	}
	var p map[int]numberStyle
	for idx, xf := range st.CellXfs.Xf {
		if idx >= 1<<16 {
			break // numberStyles looks no further
		}
		numFmt := 0
		var custom *string
		// excelize's extractNumFmt: a built-in format by its id, else
		// the last custom format of that id.
		if xf.NumFmtID != nil {
			id := *xf.NumFmtID
			if builtInNumFmt(id) {
				numFmt = id
			} else if st.NumFmts != nil {
				for _, nf := range st.NumFmts.NumFmt {
					if nf.NumFmtID == id {
						custom = &nf.FormatCode
					}
				}
			}
		}
		if ns, ok := styleOf(numFmt, custom); ok {
			if p == nil {
				p = map[int]numberStyle{}
			}
			p[idx] = ns
		}
	}
	return p, nil
}

// builtInNumFmt reports whether excelize reads the number format id as
// built in (its builtInNumFmt table and isLangNumFmt), not as a custom
// format of the same id.
func builtInNumFmt(id int) bool {
	return 0 <= id && id <= 4 || 9 <= id && id <= 22 || 37 <= id && id <= 49 ||
		27 <= id && id <= 36 || 50 <= id && id <= 62 || 67 <= id && id <= 81
}

// readSharedStrings reads the shared strings part: the text of each
// string item as excelize's xlsxSI.String gives it.
func readSharedStrings(f *zip.File) ([]string, error) {
	b, err := readPart(f)
	if err != nil {
		return nil, err
	}
	if bytes.Contains(b, []byte("purl.oclc.org")) {
		return nil, errUnsupported
	}
	s := newXMLScannerBytes(b)
	if err := s.decl(); err != nil {
		return nil, err
	}
	if err := rootTag(s, "sst"); err != nil {
		return nil, err
	}
	for _, a := range []string{"count", "uniqueCount"} {
		if v, _, err := s.attr(a); err != nil || !xmlInt(v) {
			return nil, errUnsupported
		}
	}
	var sst []string
	if s.empty {
		return sst, trailing(s)
	}
	// One string holds the texts of all plain items.
	var arena []byte
	type span struct{ start, end int }
	var spans []span
	var rich map[int]string
	for {
		if ok, err := s.child("sst"); err != nil {
			return nil, err
		} else if !ok {
			break
		}
		if string(s.name) != "si" {
			if string(s.local) == "si" {
				return nil, s.fail(errUnsupported)
			}
			if err := s.skip(); err != nil {
				return nil, err
			}
			continue
		}
		start := s.i - 1
		for start >= 0 && s.buf[start] != '<' {
			start-- // back to the start of <si ...>
		}
		text, plain, err := plainItem(s)
		if err != nil {
			return nil, err
		}
		if !plain {
			// Rich text, phonetic runs: encoding/xml into excelize's
			// types, as excelize reads them.
			if err := s.skipFrom(start); err != nil {
				return nil, err
			}
			t, err := richItem(s.buf[start:s.i])
			if err != nil {
				return nil, err
			}
			if rich == nil {
				rich = map[int]string{}
			}
			rich[len(spans)] = t
			spans = append(spans, span{})
			continue
		}
		a := len(arena)
		arena = append(arena, text...)
		spans = append(spans, span{a, len(arena)})
	}
	all := string(arena)
	sst = make([]string, len(spans))
	for i, sp := range spans {
		if t, ok := rich[i]; ok {
			sst[i] = t
			continue
		}
		sst[i] = bstrUnmarshal(all[sp.start:sp.end])
	}
	return sst, trailing(s)
}

// rootTag reads the root element's start tag, which must have local
// name local in the SpreadsheetML namespace.
func rootTag(s *xmlScanner, local string) error {
	for {
		kind, space, err := s.next()
		if err != nil {
			return err
		}
		if kind == 't' && space {
			continue
		}
		if kind != '<' || s.end || string(s.name) != local {
			return s.fail(errUnsupported)
		}
		break
	}
	for _, a := range s.attrs {
		if string(a.name) == "xmlns" {
			if string(a.val) != "http://schemas.openxmlformats.org/spreadsheetml/2006/main" {
				return s.fail(errUnsupported)
			}
			return nil
		}
	}
	return s.fail(errUnsupported)
}

// trailing checks that only white space follows the root element.
func trailing(s *xmlScanner) error {
	for {
		kind, space, err := s.next()
		if err != nil {
			return err
		}
		switch {
		case kind == 0:
			return nil
		case kind == 't' && space:
		default:
			return s.fail(errUnsupported)
		}
	}
}

// plainItem reads a string item <si><t>text</t></si> (white space
// around t, a phonetic property element allowed), returning its text
// (before bstrUnmarshal); plain false, with the scanner unmoved past the
// item's start tag, for any other item.
func plainItem(s *xmlScanner) (text []byte, plain bool, err error) {
	if s.empty {
		return nil, true, nil
	}
	save := s.i
	seen := false
	var out []byte
	for {
		if ok, err := s.child("si"); err != nil {
			return nil, false, err
		} else if !ok {
			return out, true, nil
		}
		if string(s.name) == "t" && !seen {
			seen = true
			t, err := s.closeText()
			if err != nil {
				// A t holding elements: the general reading.
				s.err = nil
				s.i = save
				return nil, false, nil
			}
			out = append([]byte(nil), t...)
			continue
		}
		s.i = save
		return nil, false, nil
	}
}

// skipFrom reads, from the start tag of an element at start, the whole
// element.
func (s *xmlScanner) skipFrom(start int) error {
	s.i = start
	if err := s.tag(); err != nil {
		return err
	}
	return s.skip()
}

// richItem reads a string item as excelize reads it.
func richItem(b []byte) (string, error) {
	var it struct {
		T *xmlT `xml:"t"`
		R []struct {
			RPr *struct {
				RFont *struct {
					Val *string `xml:"val,attr"`
				} `xml:"rFont"`
				Charset *struct {
					Val *int `xml:"val,attr"`
				} `xml:"charset"`
				Family *struct {
					Val *int `xml:"val,attr"`
				} `xml:"family"`
				B *struct {
					Val *bool `xml:"val,attr"`
				} `xml:"b"`
				I *struct {
					Val *bool `xml:"val,attr"`
				} `xml:"i"`
				Strike *struct {
					Val *bool `xml:"val,attr"`
				} `xml:"strike"`
				Outline *struct {
					Val *bool `xml:"val,attr"`
				} `xml:"outline"`
				Shadow *struct {
					Val *bool `xml:"val,attr"`
				} `xml:"shadow"`
				Condense *struct {
					Val *bool `xml:"val,attr"`
				} `xml:"condense"`
				Extend *struct {
					Val *bool `xml:"val,attr"`
				} `xml:"extend"`
				Color *struct {
					Auto    bool    `xml:"auto,attr,omitempty"`
					RGB     string  `xml:"rgb,attr,omitempty"`
					Indexed int     `xml:"indexed,attr,omitempty"`
					Theme   *int    `xml:"theme,attr"`
					Tint    float64 `xml:"tint,attr,omitempty"`
				} `xml:"color"`
				Sz *struct {
					Val *float64 `xml:"val,attr"`
				} `xml:"sz"`
				U *struct {
					Val *string `xml:"val,attr"`
				} `xml:"u"`
				VertAlign *struct {
					Val *string `xml:"val,attr"`
				} `xml:"vertAlign"`
				Scheme *struct {
					Val *string `xml:"val,attr"`
				} `xml:"scheme"`
			} `xml:"rPr"`
			T *xmlT `xml:"t"`
		} `xml:"r"`
		RPh []*struct {
			Sb uint32 `xml:"sb,attr"`
			Eb uint32 `xml:"eb,attr"`
			T  string `xml:"t"`
		} `xml:"rPh"`
		PhoneticPr *struct {
			Alignment string `xml:"alignment,attr,omitempty"`
			FontID    *int   `xml:"fontId,attr"`
			Type      string `xml:"type,attr,omitempty"`
		} `xml:"phoneticPr"`
	}
	if err := xml.NewDecoder(bytes.NewReader(b)).Decode(&it); err != nil {
		return "", errUnsupported
	}
	var v strings.Builder
	if it.T != nil {
		v.WriteString(it.T.Val)
	}
	for _, r := range it.R {
		if r.T != nil {
			v.WriteString(r.T.Val)
		}
	}
	return bstrUnmarshal(v.String()), nil
}

type xmlT struct {
	Space xml.Attr `xml:"space,attr,omitempty"`
	Val   string   `xml:",chardata"`
}

// bstrExp matches the escapes of characters XML 1.0 does not allow,
// _xHHHH_ (ECMA-376 Part 1, 22.9.2.19 ST_Xstring).
var bstrExp = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// bstrUnmarshal decodes the _xHHHH_ escapes of s as excelize does: an
// escape of a character Go cannot quote (a surrogate) is dropped, and
// _x005F_ is "_".
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	cursor := 0
	for _, m := range bstrExp.FindAllStringIndex(s, -1) {
		b.WriteString(s[cursor:m[0]])
		cursor = m[1]
		if s[m[0]:m[1]] == "_x005F_" {
			b.WriteString("_")
			continue
		}
		v, _ := strconv.Unquote(`"\u` + s[m[0]+2:m[1]-1] + `"`)
		b.WriteString(v)
	}
	b.WriteString(s[cursor:])
	return b.String()
}

// xmlInt reports whether encoding/xml reads v into an int (empty reads
// as 0).
func xmlInt(v []byte) bool {
	if len(v) == 0 {
		return true
	}
	_, err := strconv.ParseInt(strings.TrimSpace(string(v)), 10, 64)
	return err == nil
}

// xmlBool reports whether encoding/xml reads v into a bool.
func xmlBool(v []byte) bool {
	if len(v) == 0 {
		return true
	}
	_, err := strconv.ParseBool(strings.TrimSpace(string(v)))
	return err == nil
}
