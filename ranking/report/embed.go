package report

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"html/template"
)

// Element ids of the embedded model, data and fingerprint of the HTML
// report (see the package documentation).
const (
	ModelElementID       = "ppgpa-model"
	DataElementID        = "ppgpa-data"
	FingerprintElementID = "ppgpa-fingerprint"
)

// EmbeddedData is the JSON content of the element with id [DataElementID]:
// the data table as CSV ([indicator.Table.WriteCSV]) and the names of its
// text columns, which [indicator.ReadCSV] needs in CSVOptions.Attributes
// to read the table back.
type EmbeddedData struct {
	Format     string   `json:"format"` // always "csv"
	Attributes []string `json:"attributes"`
	CSV        string   `json:"csv"`
}

// scriptJSON returns b, a JSON document, with <, > and & escaped as
// \u003c, \u003e and \u0026 (and U+2028, U+2029 likewise), which is the
// same JSON value and cannot close the script element that holds it.
func scriptJSON(b []byte) string {
	var out bytes.Buffer
	json.HTMLEscape(&out, bytes.TrimSpace(b))
	return out.String()
}

// embedded returns the script elements that carry the model and the
// data, empty when in has neither.
func embedded(in *Input) template.HTML {
	var b bytes.Buffer
	if len(in.Model) > 0 {
		b.WriteString(`<script type="application/json" id="` + ModelElementID + `">`)
		b.WriteString(scriptJSON(in.Model))
		b.WriteString("</script>\n")
	}
	if len(in.Data) > 0 {
		attrs := in.DataAttributes
		if attrs == nil {
			attrs = []string{}
		}
		d, err := json.Marshal(EmbeddedData{Format: "csv", Attributes: attrs, CSV: string(in.Data)})
		if err == nil {
			b.WriteString(`<script type="application/json" id="` + DataElementID + `">`)
			b.WriteString(scriptJSON(d))
			b.WriteString("</script>\n")
		}
	}
	return template.HTML(b.String())
}

// dataURL returns a data: URL of b with the given media type, base64.
func dataURL(media string, b []byte) template.URL {
	return template.URL("data:" + media + ";base64," + base64.StdEncoding.EncodeToString(b))
}
