package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking/report"
)

// selfVerifying is what `ppgpa verify REPORT.html` reads from a report:
// the model, the data, the fingerprint the page shows and the league
// table it publishes.
type selfVerifying struct {
	plan        *indicator.Plan
	table       *indicator.Table
	fingerprint string // as shown on the page
	published   []byte // the CSV of the published.csv link; nil without it
}

// readReportPage extracts the embedded model and data (the script
// elements with ids report.ModelElementID and report.DataElementID), the
// fingerprint (the element with id report.FingerprintElementID) and the
// published league table (the data: URL of the link that downloads
// published.csv) from an HTML report written by ppgpa report. Errors name
// the file and what is missing.
func readReportPage(file string, page []byte) (*selfVerifying, error) {
	script := func(id string) ([]byte, error) {
		open := []byte(`<script type="application/json" id="` + id + `">`)
		k := bytes.Index(page, open)
		if k < 0 {
			return nil, fmt.Errorf("%s: no embedded %s (a <script type=\"application/json\" id=%q> element): not a report written by ppgpa report with its model and data", file, strings.TrimPrefix(id, "ppgpa-"), id)
		}
		rest := page[k+len(open):]
		end := bytes.Index(rest, []byte("</script>"))
		if end < 0 {
			return nil, fmt.Errorf("%s: the element %q is not closed", file, id)
		}
		return rest[:end], nil
	}
	mb, err := script(report.ModelElementID)
	if err != nil {
		return nil, err
	}
	m, err := indicator.DecodeModel(bytes.NewReader(mb))
	if err != nil {
		return nil, fmt.Errorf("%s: embedded model: %v", file, err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		return nil, fmt.Errorf("%s: embedded model: %v", file, err)
	}
	db, err := script(report.DataElementID)
	if err != nil {
		return nil, err
	}
	var ed report.EmbeddedData
	if err := json.Unmarshal(db, &ed); err != nil {
		return nil, fmt.Errorf("%s: embedded data: %v", file, err)
	}
	if ed.Format != "csv" {
		return nil, fmt.Errorf("%s: embedded data: format %q (want csv)", file, ed.Format)
	}
	t, err := indicator.ReadCSV(strings.NewReader(ed.CSV), indicator.CSVOptions{Attributes: ed.Attributes})
	if err != nil {
		return nil, fmt.Errorf("%s: embedded data: %v", file, err)
	}
	sv := &selfVerifying{plan: p, table: t}
	if k := bytes.Index(page, []byte(`id="`+report.FingerprintElementID+`"`)); k >= 0 {
		rest := page[k:]
		if gt := bytes.IndexByte(rest, '>'); gt >= 0 {
			rest = rest[gt+1:]
			if lt := bytes.IndexByte(rest, '<'); lt >= 0 {
				sv.fingerprint = strings.TrimSpace(html.UnescapeString(string(rest[:lt])))
			}
		}
	}
	const link = `download="published.csv" href="data:text/csv;charset=utf-8;base64,`
	if k := bytes.Index(page, []byte(link)); k >= 0 {
		rest := page[k+len(link):]
		if end := bytes.IndexByte(rest, '"'); end >= 0 {
			if sv.published, err = base64.StdEncoding.DecodeString(string(rest[:end])); err != nil {
				return nil, fmt.Errorf("%s: the published league table (published.csv): %v", file, err)
			}
		}
	}
	return sv, nil
}
