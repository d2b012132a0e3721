// Package tabular reads and writes the tabular files that officials keep:
// CSV in UTF-8 (with or without a byte-order mark), GB18030/GBK (what
// Excel writes on Chinese Windows) and UTF-16 (Excel's "Unicode text",
// tab-separated); .xlsx workbooks; and JSON records. It is the one way
// every reader of the project reads a table, so that a file that one
// command accepts every command accepts.
//
// # Overview
//
// Reading goes in three steps, each available on its own:
//
//   - [ReadGrid] detects the format from the content (a ZIP container is a
//     workbook, "[" or "{" starts JSON, anything else is delimited text),
//     decodes the text and returns its cells row by row ([Grid]);
//   - [Grid.Layout] finds the header (below title rows), the unit column
//     (by name, or by a header such as 单位, 地区, 部门, unit or id),
//     drops serial-number columns (序号), empty rows and columns, and
//     rejects or skips summary rows (合计, 平均) ([Sheet]);
//   - [Sheet.Table] parses the numbers — "96%" is 96 percent points,
//     "1,234" is 1234, full-width digits are digits, the tokens of
//     [DefaultNA] (/, —, 暂无, #N/A, #DIV/0!, ...) are missing values —
//     into an [indicator.Table].
//
// [ReadTable] does all three, and [TableFromBytes] on a file in memory:
// a CSV file without quoted cells, and a workbook's sheet, are read
// straight from their text into the table's columns, with the same
// result and errors. [ReadLong] reads the long form
// unit,indicator,value (with an optional year column: [ReadPanel]).
// [FromRecords] and [ReadRecords] read the JSON records a web service
// receives. [ReadColumns] reads only the columns a command needs, column
// by column, for long files such as a million survey respondents.
// [WriteXLSX] writes tables to a workbook, and [SafeCell]
// neutralises cells that a spreadsheet would run as formulas.
//
// [Options] configure all of it; its zero value detects everything.
// [Limits] bound the memory and time spent on one input, so that a hostile
// file (a zip bomb, a million-row sheet) fails with an error.
//
// # Errors
//
// Errors about the content are [*Error] values wrapping [ErrInvalid] (or
// [ErrLimit]) that name the line of a CSV file or the sheet and row of a
// workbook, the column, its header and the cell:
//
//	line 3, column 3 ("online_pct"): invalid number "九十一"
//
// A number too large for float64 ("1e999") is "out of range"; a header of
// one column holding ";" asks whether the separator is ";". Nothing here
// panics on any input, and no input is modified.
//
// # Dependencies
//
// The package uses github.com/xuri/excelize/v2 for writing workbooks, and
// for reading the few it does not read itself, and golang.org/x/text for
// GB18030 and UTF-16. A sheet is read by a streaming reader of the
// package's own, which gives the cells excelize gives in a tenth of the
// time and a thirtieth of the memory (a sheet of 600,000 cells: 0.12 s of
// CPU and 16 MB, where excelize took 1.5 s and 465 MB); a workbook it
// does not follow
// (encrypted, Strict OOXML, unusual XML) is read by excelize. That reader
// inflates the workbook's parts with github.com/klauspost/compress/flate,
// which takes three quarters of the time of compress/flate (45 against 62
// ms of CPU for that sheet's 19 MB of XML), the largest cost of reading a
// workbook; archive/zip still checks every part's size and checksum. The
// core packages (indicator, survey, weighting, ranking) do not import the
// package: a program that scores JSON compiles none of these dependencies.
//
// All functions are safe for concurrent use.
package tabular
