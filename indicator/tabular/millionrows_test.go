package tabular

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestMillionRowSheet reads a workbook of 1,000,000 rows of five cells
// (5,000,000 cells, over the default limit of 4,000,000), written once by
// excelize's streaming writer: the reader refuses it with the limit's
// error naming the sheet and the row (800,000 rows of five cells are
// the limit), having counted the cells of the compressed sheet before
// decompressing it into memory. Bounds: at most 16 MB allocated by the
// read (the workbook itself is 20 MB, not counted; reading the sheet
// fully allocated about 680 MB, the count allocates about 0.2 MB) and
// 10 s (the full read took about 12 s of CPU time; the count takes
// about 1 s at a load of 3 on two cores).
func TestMillionRowSheet(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a workbook of a million rows")
	}
	name := filepath.Join(t.TempDir(), "million.xlsx")
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	row := []any{"unit", "a", "b", "c", "d"}
	if err := sw.SetRow("A1", row); err != nil {
		t.Fatal(err)
	}
	for r := 2; r <= 1_000_000; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		row[0], row[1], row[2], row[3], row[4] = r, 1.5, 2, r%7, 0.25
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(name); err != nil {
		t.Fatal(err)
	}
	f.Close()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("workbook of %d bytes", len(b))

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err = GridFromBytes(b, Options{})
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("refused in %v, %d bytes allocated", elapsed, alloc)
	want := `sheet "Sheet1" row 800001: more than 4000000 cells in the sheet (Limits.MaxCells)`
	if err == nil || !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want %q wrapping ErrLimit", err, want)
	}
	if alloc > 16<<20 {
		t.Errorf("%d bytes allocated, want at most 16 MB", alloc)
	}
	if elapsed > 10*time.Second {
		t.Errorf("refused after %v, want within 10 s", elapsed)
	}
	// The sheet read by name fails alike.
	if _, err := GridFromBytes(b, Options{Sheet: "Sheet1"}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("-sheet Sheet1: error %v, want %q", err, want)
	}
}
