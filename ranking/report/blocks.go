package report

// The report is composed once as a list of blocks (compose.go), then
// rendered as HTML (html.go) or Markdown (markdown.go), so that both
// formats say the same. A text has one entry per language written
// (Chinese first when bilingual); data (names, numbers) have one.

// texts is one text in each language written.
type texts []string

// block is one element of the report.
type block struct {
	kind  blockKind
	id    string // element id (sections, cards)
	class string
	level int   // heading level
	text  texts // heading, paragraph
	items []texts
	table *table
	svg   string // chart, trusted markup built by rankChart
	plain string // chart as text, or a command (code block)
	sub   []block
}

type blockKind int

const (
	bSection blockKind = iota // sub blocks, id
	bHeading
	bPara
	bList
	bTable
	bChart
	bCard // sub blocks, id, avoid page breaks inside
	bCode
	bDownloads
)

// table is a table with one header text per column.
type table struct {
	head []texts
	num  []bool // right-aligned numeric column
	name []bool // column of names: never wrapped
	wide int    // index+1 of a column of free text given a minimum width (0: none)
	rows [][]string
	cls  []string // row class (e.g. "vetoed"), may be nil
}
