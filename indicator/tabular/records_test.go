package tabular

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/ppgpa/ppgpa/ranking"
)

// TestShortestDecimal checks shortestDecimal against strconv: every
// decimal it accepts is the text strconv.FormatFloat(x, 'g', -1, 64)
// writes for its value, and every decimal of that form in its range
// (zero, or 1e-4 <= |x| < 1e6, at most 15 digits, which is what
// TableRecords promises) is accepted.
func TestShortestDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var s string
		if rapid.Bool().Draw(t, "from a float") {
			// The shortest form of a double, often of 16 or 17 digits.
			x := rapid.Float64Range(-2e6, 2e6).Draw(t, "x")
			if rapid.Bool().Draw(t, "small") {
				x /= 1e6
			}
			s = strconv.FormatFloat(x, 'g', -1, 64)
		} else {
			sign := rapid.SampledFrom([]string{"", "-", "+"}).Draw(t, "sign")
			ip := rapid.StringMatching(`0{0,2}[0-9]{1,8}`).Draw(t, "integer part")
			fp := rapid.StringMatching(`(\.[0-9]{0,9})?`).Draw(t, "fraction")
			s = sign + ip + fp
		}
		x, n, ok := decimalPrefix(s)
		if !ok || n != len(s) {
			return
		}
		want := strconv.FormatFloat(x, 'g', -1, 64) == s
		if got := shortestDecimal([]byte(s)); got && !want {
			t.Fatalf("%q: accepted, but strconv writes %q for its value", s, strconv.FormatFloat(x, 'g', -1, 64))
		} else if !got && want && (x == 0 || math.Abs(x) >= 1e-4 && math.Abs(x) < 1e6) {
			t.Fatalf("%q: refused, but it is strconv's form of its value", s)
		}
	})
	for s, want := range map[string]bool{
		"0": true, "-0": true, "7": true, "999999": true, "999999.5": true, "1000000": false, "0.0001": true,
		"0.00001": false, "-0.0001": true, "12.5": true, "12.50": false, "012.5": false, "+12.5": false, "00": false,
		"123456.789012345": true, "0.1": true, "-0.0": false, "1.": false,
	} {
		if got := shortestDecimal([]byte(s)); got != want {
			t.Errorf("shortestDecimal(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestTableRecords checks, on tables drawn near the canonical form (and
// often in it), that the records TableRecords returns are the canonical
// records of its table written independently with encoding/csv
// (canonicalRecords), and that a table in the canonical form gets its
// records, also with its rows shuffled (then put back in order): an
// irregular cell (spaces, a trailing zero, a plus sign, an empty cell, a
// percent sign, an exponent), a repeated unit, unsorted columns, a CR, a
// blank line, an attribute or a semicolon make them nil, never wrong.
func TestTableRecords(t *testing.T) {
	defer func(m int) { fastChunk = m }(fastChunk)
	found, canonical := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		fastChunk = rapid.SampledFrom([]int{1 << 30, 7, 1}).Draw(t, "chunk")
		ncol := rapid.IntRange(1, 4).Draw(t, "columns")
		cols := make([]string, ncol)
		for k := range cols {
			cols[k] = fmt.Sprintf("c%d", k)
		}
		irregular := false
		if rapid.IntRange(0, 5).Draw(t, "unsorted columns") == 0 && ncol > 1 {
			cols[0], cols[1] = cols[1], cols[0]
			irregular = true
		}
		var b strings.Builder
		head := "单位"
		if rapid.Bool().Draw(t, "attribute") {
			head += ",类别"
			irregular = true
		}
		b.WriteString(head + "," + strings.Join(cols, ",") + "\n")
		rows := rapid.IntRange(1, 6).Draw(t, "rows")
		for i := 0; i < rows; i++ {
			unit := fmt.Sprintf("u%d", i)
			if rapid.IntRange(0, 10).Draw(t, "unit order") == 0 && i > 0 {
				unit = "u0" // repeated: out of order (or a duplicate)
				irregular = true
			}
			if rapid.IntRange(0, 20).Draw(t, "id with a space") == 0 {
				unit = "u " + unit
			}
			rec := []string{unit}
			if strings.Contains(head, "类别") {
				rec = append(rec, "甲")
			}
			for range cols {
				cell := ""
				switch rapid.IntRange(0, 12).Draw(t, "cell kind") {
				case 0:
					cell = rapid.SampledFrom([]string{"NA", "0", "-0", "0.0001", "999999.5"}).Draw(t, "canonical cell")
				case 1:
					cell = rapid.SampledFrom([]string{"", " 1", "1.50", "+2", "01", "1e3", "96%", "0.00001", "1000000", "-0.0", "/"}).Draw(t, "irregular cell")
					irregular = true
				default:
					x := float64(rapid.IntRange(-9999999, 99999999).Draw(t, "m")) / math.Pow10(rapid.IntRange(0, 4).Draw(t, "decimals"))
					cell = strconv.FormatFloat(x, 'g', -1, 64)
					irregular = irregular || strings.Contains(cell, "e")
				}
				rec = append(rec, cell)
			}
			b.WriteString(strings.Join(rec, ","))
			if i < rows-1 || rapid.IntRange(0, 3).Draw(t, "last LF") > 0 {
				b.WriteString("\n")
			}
		}
		text := b.String()
		if rapid.IntRange(0, 3).Draw(t, "shuffled rows") == 0 {
			// The rows as an office's file may have them: out of
			// order, each still a record.
			lines := strings.SplitAfter(text, "\n")
			if !strings.HasSuffix(text, "\n") {
				lines[len(lines)-1] += "\n"
			} else {
				lines = lines[:len(lines)-1]
			}
			rest := lines[1:]
			for i := len(rest) - 1; i > 0; i-- {
				j := rapid.IntRange(0, i).Draw(t, "swap")
				rest[i], rest[j] = rest[j], rest[i]
			}
			text = strings.Join(lines, "")
		}
		var opt Options
		switch rapid.IntRange(0, 12).Draw(t, "variant") {
		case 0:
			text = strings.ReplaceAll(text, "\n", "\r\n")
			irregular = true
		case 1:
			text = strings.Replace(text, "\n", "\n\n", 2)
			irregular = true
		case 2:
			text = strings.ReplaceAll(text, ",", ";")
			opt.Comma = ';'
			irregular = true
		case 3:
			text = "\uFEFF" + text // a BOM changes no record
		}
		if strings.Contains(head, "类别") {
			opt.Attributes = []string{"类别"}
		}
		tab, _, records, err := TableRecords([]byte(text), opt)
		if err != nil {
			return
		}
		want := canonicalRecords(tab)
		if records != nil {
			found++
			if string(records) != want && string(records)+"\n" != want {
				t.Fatalf("input %q: records\n%q\nwant\n%q", text, records, want)
			}
		}
		if !irregular && !strings.Contains(text, "u u") {
			canonical++
			if records == nil {
				t.Fatalf("input %q: a table in the canonical form, no records", text)
			}
		}
	})
	if found == 0 || canonical == 0 {
		t.Errorf("records found %d times, canonical tables drawn %d times: the property was not exercised", found, canonical)
	}
}

// TestTableRecordsFingerprint compares, on tables of a unit column alone
// (or with one numeric column), the data fingerprint hashed from the
// records TableRecords finds (ranking.FingerprintOfRecords) with the one
// ranking.FingerprintOf formats from the table itself: the two must never
// differ, whatever the records. The ids include the empty one, which
// encoding/csv writes as an empty line when it is a record's only field
// (and as "" when quoted, as in these files): such a row is blank, the
// table never has an empty id, and a file with one gives no records or
// records without it. Quoted ids, \. (which encoding/csv quotes), a
// leading space, CR LF line ends and a missing last LF are drawn too.
func TestTableRecordsFingerprint(t *testing.T) {
	ids := []string{"a", "b", "u1", "甲", "NA", "", `""`, " ", `" a"`, `\.`, `"\."`, `"x,y"`, "a b"}
	check := func(tb interface {
		fataler
		Fatalf(string, ...any)
	}, text string) bool {
		tab, _, records, err := TableRecords([]byte(text), Options{})
		if err != nil {
			return false
		}
		want, err := ranking.FingerprintOf(nil, tab, nil)
		if err != nil {
			tb.Fatal(err)
		}
		got, err := ranking.FingerprintOfRecords(nil, tab, nil, records)
		if err != nil {
			tb.Fatal(err)
		}
		if got.Data != want.Data {
			tb.Fatalf("input %q: records %q: data fingerprint %s, from the table %s", text, records, got.Data, want.Data)
		}
		return records != nil
	}
	// A unit column alone with an empty id, quoted (a blank row) or not
	// (a blank line), among others or alone.
	for _, text := range []string{"unit\n\"\"\n", "unit\n\n", "unit\n\"\"\na\n", "unit\na\n\"\"\n", "unit\na\n\nb\n", "unit\na\nb\n", "unit\na\nb"} {
		check(t, text)
	}
	if !check(t, "unit\na\nb\n") {
		t.Error(`"unit\na\nb\n": no records; the property below would test the slow path only`)
	}
	found := 0
	rapid.Check(t, func(t *rapid.T) {
		head := rapid.SampledFrom([]string{"unit", "单位"}).Draw(t, "unit header")
		num := rapid.Bool().Draw(t, "numeric column")
		if num {
			head += ",x"
		}
		var b strings.Builder
		b.WriteString(head + "\n")
		rows := rapid.IntRange(0, 5).Draw(t, "rows")
		sorted := rapid.Bool().Draw(t, "ids in order")
		for i := range rows {
			id := rapid.SampledFrom(ids).Draw(t, "id")
			if sorted {
				id = fmt.Sprintf("u%d", i)
				if rapid.IntRange(0, 3).Draw(t, "empty id") == 0 {
					id = rapid.SampledFrom([]string{"", `""`}).Draw(t, "empty")
				}
			}
			b.WriteString(id)
			if num {
				b.WriteString("," + rapid.SampledFrom([]string{"1", "NA", "2.5", ""}).Draw(t, "x"))
			}
			if i < rows-1 || rapid.Bool().Draw(t, "last LF") {
				b.WriteString("\n")
			}
		}
		text := b.String()
		if rapid.IntRange(0, 5).Draw(t, "CR LF") == 0 {
			text = strings.ReplaceAll(text, "\n", "\r\n")
		}
		if check(t, text) {
			found++
		}
	})
	if found == 0 {
		t.Error("no records found: the property tested the slow path only")
	}
}
