package report_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/ranking"
	"github.com/ppgpa/ppgpa/ranking/report"
)

// TestEmbeddedModelData checks the documented way to read the model and
// the data back from an HTML report: the JSON of the elements with ids
// ppgpa-model and ppgpa-data decodes to a model and a table whose
// fingerprint is the one the report shows, even when a unit's name tries
// to close the script element.
func TestEmbeddedModelData(t *testing.T) {
	t.Parallel()
	data := "unit,a,b\nU1,10,4\n\"</script><img src=x onerror=alert(1)>\",5,10\nU3,0,0\n"
	in := build(t, small, data, report.Settings{Replications: -1})
	var b bytes.Buffer
	if err := report.Write(&b, report.HTML, in); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if strings.Count(page, "</script>") != 2 || strings.Contains(page, "<img") {
		t.Fatalf("the unit name escaped its element:\n%s", page)
	}
	elem := func(id string) string {
		m := regexp.MustCompile(`<script type="application/json" id="` + id + `">([^<]*)</script>`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no element %s", id)
		}
		return m[1]
	}
	m, err := indicator.DecodeModel(strings.NewReader(elem(report.ModelElementID)))
	if err != nil {
		t.Fatal(err)
	}
	var d report.EmbeddedData
	if err := json.Unmarshal([]byte(elem(report.DataElementID)), &d); err != nil {
		t.Fatal(err)
	}
	tab, err := indicator.ReadCSV(strings.NewReader(d.CSV), indicator.CSVOptions{Attributes: d.Attributes})
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != "csv" || tab.Units()[1] != "</script><img src=x onerror=alert(1)>" {
		t.Errorf("embedded data: format %q, units %q", d.Format, tab.Units())
	}
	parts, err := ranking.FingerprintOf(m, tab, ranking.VerifySettings{})
	if err != nil {
		t.Fatal(err)
	}
	fp := parts.Chinese() // the report is in Chinese
	shown := regexp.MustCompile(`id="ppgpa-fingerprint">([^<]*)<`).FindStringSubmatch(page)
	if shown == nil || shown[1] != fp || fp != in.Fingerprint {
		t.Errorf("fingerprint of the embedded model and data %s, report shows %v", fp, shown)
	}
	// An English report labels the parts in English.
	if en := build(t, small, data, report.Settings{Replications: -1, Lang: report.English}); en.Fingerprint != parts.String() {
		t.Errorf("English report: fingerprint %s, want %s", en.Fingerprint, parts.String())
	}
}
