package tabular

import (
	"fmt"
	"strings"
)

// Format is the kind of file read.
type Format int

const (
	// FormatAuto detects the format from the content: a ZIP container is
	// an .xlsx workbook, text starting with "[" or "{" is JSON records,
	// anything else delimited text (CSV).
	FormatAuto Format = iota
	// FormatCSV is delimited text: comma-separated by default,
	// tab-separated for UTF-16 text (Excel's "Unicode text").
	FormatCSV
	// FormatXLSX is an Office Open XML workbook (.xlsx).
	FormatXLSX
	// FormatJSON is an array of JSON objects, one per row (see [ReadJSON]).
	FormatJSON
)

// String returns "auto", "csv", "xlsx" or "json".
func (f Format) String() string {
	switch f {
	case FormatAuto:
		return "auto"
	case FormatCSV:
		return "csv"
	case FormatXLSX:
		return "xlsx"
	case FormatJSON:
		return "json"
	}
	panic(fmt.Sprintf("tabular: unknown Format %d", int(f)))
}

// Options say how to read a file. The zero value detects everything: the
// format, the encoding, the header row and the unit column, with the
// default missing-value tokens [DefaultNA] and the default [Limits].
type Options struct {
	// Format is the format of the input; FormatAuto detects it from the
	// content (not from a file name).
	Format Format
	// Encoding is the text encoding of CSV input: "" detects it (a UTF-8
	// or UTF-16 byte-order mark, else UTF-8 when the bytes are valid
	// UTF-8, else GB18030 when they decode as GB18030), or one of
	// "utf-8", "gb18030", "gbk" (read as GB18030, its superset), "utf-16",
	// "utf-16le" and "utf-16be" (names are case-insensitive; "utf8",
	// "gb2312", "cp936" are accepted too).
	Encoding string
	// Comma is the field separator of CSV input; 0 means ',' (tab for
	// UTF-16 text).
	Comma rune
	// Sheet chooses the sheet of a workbook: its name, or its 1-based
	// position ("2"); "" means the first sheet.
	Sheet string
	// HeaderRow is the 1-based line (CSV) or row (sheet) of the header;
	// 0 finds it: the first row with at least two filled cells and at
	// most one fewer than the widest of the first 50 rows, so that title
	// rows above it are skipped; a row above it with three filled cells
	// or more, and more than half as many as the widest, is the header
	// instead (the wider row is then in error: a number such as 1,234,567
	// written without quotes splits into cells).
	HeaderRow int
	// Unit names the column of unit ids by its header; "" finds it: the
	// first column whose header is one of [UnitHeaders], else the first
	// column that is not a serial-number column.
	Unit string
	// NA lists the cell texts read as missing values; nil means
	// [DefaultNA]. An empty cell is always missing.
	NA []string
	// SkipSummary drops summary rows (a unit id such as 合计, 总计,
	// 平均, 均值, 小计, total, average; see [SummaryLabels]); without it
	// such a row is an error naming its line.
	SkipSummary bool
	// Year chooses the year of long data with a year column (see
	// [ReadPanel]) that [ReadTable] reads; "" reads data of one year only.
	Year string
	// Attributes lists the columns read as text attributes of the units
	// (a province, a department type) instead of numbers.
	Attributes []string
	// Limits bound the work done on one input; the zero value means the
	// defaults documented on [Limits].
	Limits Limits
}

// Limits bound the memory and time spent on one input, so that a hostile
// or broken file (a zip bomb, a million-row sheet) fails with an error
// instead of exhausting the machine. Zero fields mean the defaults.
type Limits struct {
	// MaxBytes is the largest input read, in bytes (default 1 GiB).
	MaxBytes int64
	// MaxUnzipped is the largest total uncompressed size of a workbook's
	// parts, in bytes (default 256 MiB); a larger workbook is refused
	// before it is decompressed.
	MaxUnzipped int64
	// MaxCells is the largest number of cells read from a sheet (default
	// 4,000,000: a million-row sheet of more than four columns; CSV text is bounded by MaxBytes alone).
	MaxCells int
}

func (l Limits) maxBytes() int64 {
	if l.MaxBytes > 0 {
		return l.MaxBytes
	}
	return 1 << 30
}

func (l Limits) maxUnzipped() int64 {
	if l.MaxUnzipped > 0 {
		return l.MaxUnzipped
	}
	return 256 << 20
}

func (l Limits) maxCells() int {
	if l.MaxCells > 0 {
		return l.MaxCells
	}
	return 4_000_000
}

// DefaultNA is the default set of cell texts read as missing values: what
// statistics packages write (NA, NaN, null), what Chinese statistical
// tables use for "no data" (/, —, －, 暂无, 无), and the error values a
// spreadsheet shows in place of a value (#N/A, #DIV/0!, ...). An empty
// cell is always missing. The slice returned is a copy.
func DefaultNA() []string {
	return []string{
		"NA", "N/A", "n/a", "na", "#N/A", "NaN", "nan", "null", "NULL", "None",
		"-", "--", "/", "\\", "—", "——", "–", "－", "一", "…", "...",
		"暂无", "无", "无数据", "缺", "缺失", "不详",
		"#DIV/0!", "#VALUE!", "#REF!", "#NUM!", "#NAME?", "#NULL!",
	}
}

// UnitHeaders are the headers by which the unit column is found when
// [Options.Unit] is empty (ASCII letters compared case-insensitively),
// in order of preference.
func UnitHeaders() []string {
	return []string{
		"unit", "id", "单位", "单位名称", "被考核单位", "考核单位", "考核对象", "被评价单位",
		"地区", "区县", "县区", "县（市、区）", "县(市、区)", "区域", "行政区", "行政区划",
		"部门", "部门名称", "城市", "地市", "市", "名称",
		"region", "district", "city", "county", "department", "name",
	}
}

// SerialHeaders are the headers of serial-number columns (序号), which are
// ignored unless they are the unit column.
func SerialHeaders() []string {
	return []string{"序号", "编号", "序", "No.", "No", "no.", "no", "#", "row"}
}

// SummaryLabels are unit ids that mark a summary row rather than a unit;
// spaces inside the id are ignored when comparing (合 计).
func SummaryLabels() []string {
	return []string{"合计", "总计", "小计", "平均", "平均值", "均值", "全市", "全省", "全区", "全市平均", "全省平均",
		"total", "Total", "TOTAL", "sum", "Sum", "average", "Average", "mean", "Mean"}
}

// summarySet is SummaryLabels as a set.
var summarySet = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range SummaryLabels() {
		m[l] = true
	}
	return m
}()

// IsSummary reports whether the cell c, spaces around it and inside it
// ignored (合 计), is one of SummaryLabels: the label of a summary row,
// which every reader of a table refuses as a unit. It copies nothing
// unless c has spaces inside.
func IsSummary[T string | []byte](c T) bool { return isSummaryID(trimCell(c)) }

// isSummaryID is IsSummary of an id without spaces around it.
func isSummaryID[T string | []byte](id T) bool {
	return summarySet[string(id)] || hasSpace(id) && summarySet[strings.Join(strings.Fields(string(id)), "")]
}

// normalizeEncoding maps an encoding name to its canonical form.
func normalizeEncoding(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", nil
	case "utf-8", "utf8":
		return "utf-8", nil
	case "gb18030", "gbk", "gb2312", "cp936", "936", "euc-cn":
		return "gb18030", nil
	case "utf-16", "utf16":
		return "utf-16", nil
	case "utf-16le", "utf16le", "ucs-2le":
		return "utf-16le", nil
	case "utf-16be", "utf16be", "ucs-2be":
		return "utf-16be", nil
	}
	return "", fmt.Errorf("%w: unknown encoding %q (want utf-8, gb18030, gbk, utf-16, utf-16le or utf-16be)", ErrInvalid, s)
}
