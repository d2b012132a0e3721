package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestBadWorkbooks checks that broken, encrypted and oversized workbooks
// are refused with one clear error, within the limits.
func TestBadWorkbooks(t *testing.T) {
	t.Parallel()
	var good bytes.Buffer
	rows := [][]string{{"unit", "a"}}
	for i := 0; i < 2000; i++ {
		rows = append(rows, []string{fmt.Sprintf("u%d", i), "1"})
	}
	if err := WriteXLSX(&good, []SheetData{{Name: "s", Rows: rows}}); err != nil {
		t.Fatal(err)
	}
	lo, err := os.ReadFile("testdata/libreoffice.xlsx") // written by LibreOffice, with shared strings
	if err != nil {
		t.Fatal(err)
	}
	// An encrypted workbook is an OLE compound file; so is an old .xls.
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	cases := []struct {
		name string
		b    []byte
		opt  Options
		want string
		is   error
	}{
		{"truncated", good.Bytes()[:good.Len()/2], Options{}, "broken workbook", ErrInvalid},
		{"encrypted", ole, Options{}, "encrypted (password-protected) workbook", ErrInvalid},
		{"too many cells", good.Bytes(), Options{Limits: Limits{MaxCells: 1000}}, `sheet "s" row 501: more than 1000 cells`, ErrLimit},
		{"zip bomb", zipBomb(t, 4<<20), Options{Limits: Limits{MaxUnzipped: 1 << 20}}, "decompress to more than 1048576 bytes", ErrLimit},
		{"no such sheet", good.Bytes(), Options{Sheet: "x"}, `no sheet "x" in the workbook (sheets: "s")`, ErrInvalid},
		{"too large", good.Bytes(), Options{Limits: Limits{MaxBytes: 100}}, "larger than 100 bytes", ErrLimit},
		// A part that inflates to more than its declared size (a zip
		// bomb that lies about its sizes, or a damaged file) or whose
		// bytes are damaged: excelize reads such a sheet as empty.
		{"sizes lied about", patchPart(t, good.Bytes(), "xl/worksheets/sheet1.xml", false), Options{}, "broken workbook: part xl/worksheets/sheet1.xml", ErrInvalid},
		{"damaged part", patchPart(t, good.Bytes(), "xl/worksheets/sheet1.xml", true), Options{}, "broken workbook: part xl/worksheets/sheet1.xml", ErrInvalid},
		{"shared strings lied about", patchPart(t, lo, "xl/sharedStrings.xml", false), Options{}, "broken workbook: part xl/sharedStrings.xml", ErrInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadGrid(bytes.NewReader(tc.b), tc.opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, tc.is) {
				t.Errorf("error %v, want %q wrapping %v", err, tc.want, tc.is)
			}
		})
	}
}

// patchPart returns a copy of the workbook b whose part name declares
// an uncompressed size of 100 bytes in the central directory, or, with
// damage, whose compressed bytes are flipped in the middle.
func patchPart(t *testing.T, b []byte, name string, damage bool) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := bytes.Clone(b)
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		if f.UncompressedSize64 <= 100 {
			t.Fatalf("%s: %d bytes, too small to lie about", name, f.UncompressedSize64)
		}
		if damage {
			off, err := f.DataOffset()
			if err != nil {
				t.Fatal(err)
			}
			for i := off + int64(f.CompressedSize64)/2; i < off+int64(f.CompressedSize64)/2+16; i++ {
				out[i] ^= 0x5a
			}
			return out
		}
		// The central directory entry: signature, then the
		// uncompressed size at offset 24 and the name at offset 46.
		for p := bytes.Index(out, []byte("PK\x01\x02")); p >= 0; {
			n := int(out[p+28]) | int(out[p+29])<<8
			if string(out[p+46:p+46+n]) == name {
				out[p+24], out[p+25], out[p+26], out[p+27] = 100, 0, 0, 0
				return out
			}
			q := bytes.Index(out[p+4:], []byte("PK\x01\x02"))
			if q < 0 {
				break
			}
			p += 4 + q
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}

// zipBomb returns a workbook-like ZIP whose sheet decompresses to n bytes
// of XML from a few kilobytes.
func zipBomb(t *testing.T, n int) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := z.Create(name)
		w.Write([]byte("<x/>"))
	}
	w, err := z.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write(bytes.Repeat([]byte(" "), n))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestMixedEncodings checks that a file with lines in UTF-8 and lines in
// GBK (as made by appending a file saved by Excel to a UTF-8 one) is
// refused, naming both lines, rather than read as GB18030 mojibake.
func TestMixedEncodings(t *testing.T) {
	t.Parallel()
	gbk := []byte{0xB6, 0xAB, 0xB3, 0xC7, 0xC7, 0xF8} // 东城区 in GBK (iconv -t GBK)
	in := append([]byte("单位,a\n西城区,1\n"), gbk...)
	in = append(in, ",2\n"...)
	_, _, err := ReadTable(bytes.NewReader(in), Options{})
	if err == nil || !strings.Contains(err.Error(), "mixed encodings: line 1 is UTF-8 text but line 3 is not") {
		t.Errorf("error %v, want mixed encodings naming lines 1 and 3", err)
	}
	// The GBK line alone reads as GB18030, with a note.
	tab, info, err := ReadTable(bytes.NewReader(append(append([]byte("unit,a\n"), gbk...), ",2\n"...)), Options{})
	if err != nil || tab.Units()[0] != "东城区" || len(info.Notes) != 1 {
		t.Errorf("GBK alone: %v, %v, %v", tab, info, err)
	}
}
