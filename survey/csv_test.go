package survey_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
)

func TestReadRespondents(t *testing.T) {
	t.Parallel()
	in := "\ufeffid,group,stratum,psu,weight,fpc,sex\n1,phone,east,p1,10.5,100,f\n2,form,east,p2,,100,m\n3,form,east,p2,0,100,m\n"
	rs, err := survey.ReadRespondents(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	// An empty weight cell is "not given" (NaN, derived later); "0" is a
	// real zero weight.
	if len(rs) != 3 || rs[0].ID != "1" || rs[0].Group != "phone" || rs[0].Weight != 10.5 || !math.IsNaN(rs[1].Weight) || rs[1].FPC != 100 || rs[1].Attr["sex"] != "m" || rs[2].Weight != 0 {
		t.Errorf("ReadRespondents = %+v", rs)
	}
	// The id column may stand anywhere; without one the first column
	// holds the ids (and is not an attribute).
	for _, in := range []string{"weight,sex,ID\n2,f,r1\n", "编号,sex,weight\nr1,f,2\n"} {
		rs, err := survey.ReadRespondents(strings.NewReader(in))
		if err != nil || len(rs) != 1 || rs[0].ID != "r1" || rs[0].Weight != 2 || len(rs[0].Attr) != 1 || rs[0].Attr["sex"] != "f" {
			t.Errorf("%q: %+v, %v; want id r1, weight 2, attribute sex only", in, rs, err)
		}
	}
	for _, tc := range []struct {
		name, in string
		line     int
		column   string
	}{
		{"empty first-column id", "编号,weight\n1,2\n,3\n", 3, "编号"},
		{"first column is a field", "group,weight\na,1\n", 1, "id"},
		{"bad weight", "id,weight\n1,2\n2,abc\n", 3, "weight"},
		{"negative fpc", "id,fpc\n1,-3\n", 2, "fpc"},
		{"empty id", "id,weight\n1,2\n,3\n", 3, "id"},
		{"no id column", "weight\n1\n", 1, "id"},
		{"duplicate column", "id,ID\n1,2\n", 1, "ID"},
		{"ragged", "id,weight\n1,2\n3\n", 3, ""},
		{"quoted newline then bad", "id,note,weight\n1,\"a\nb\",2\n2,x,bad\n", 4, "weight"},
		// A missing value in a design column is an error naming its line
		// and column, not a stratum or PSU named "".
		{"missing stratum", "id,stratum,weight\n1,a,2\n2,,3\n", 3, "stratum"},
		{"NA stratum", "id,stratum,weight\n1,NA,2\n2,b,3\n", 2, "stratum"},
		{"missing psu", "id,psu,weight\n1,p1,2\n2, ,3\n", 3, "psu"},
		{"missing fpc", "id,fpc,weight\n1,10,2\n2,,3\n", 3, "fpc"},
		{"missing weight, nothing to derive it", "id,weight\n1,2\n2,\n", 3, "weight"},
	} {
		_, err := survey.ReadRespondents(strings.NewReader(tc.in))
		var pe *survey.ParseError
		if !errors.As(err, &pe) || pe.Line != tc.line || pe.Column != tc.column || !errors.Is(err, survey.ErrInvalidInput) {
			t.Errorf("%s: err = %v, want line %d column %q", tc.name, err, tc.line, tc.column)
		}
	}
}

// TestReadRespondentsMissingDesign: the documented exceptions: a design
// column empty in every row is absent, and an empty weight is derived
// from prob or fpc when the row has one.
func TestReadRespondentsMissingDesign(t *testing.T) {
	t.Parallel()
	rs, err := survey.ReadRespondents(strings.NewReader("id,stratum,weight,fpc\n1,,,10\n2,,4,10\n"))
	if err != nil || rs[0].Stratum != "" || !math.IsNaN(rs[0].Weight) || rs[0].FPC != 10 || rs[1].Weight != 4 {
		t.Fatalf("%+v, %v", rs, err)
	}
	// The API: a stratum given for some respondents and not others.
	_, err = survey.NewDesign([]survey.Respondent{{ID: "a", Stratum: "s", Weight: 1}, {ID: "b", Weight: 1}}, survey.DesignOptions{})
	var re *survey.RowError
	if !errors.As(err, &re) || re.Row != 1 || !strings.Contains(err.Error(), "stratum") {
		t.Errorf("err = %v, want a RowError naming row 1 and the stratum", err)
	}
}

func TestReadAnswers(t *testing.T) {
	t.Parallel()
	as, err := survey.ReadAnswers(strings.NewReader("respondent,unit,item,answer\nr1,公安局,overall,满意\nr2,公安局,overall,不了解\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 || as[0] != (survey.Answer{Respondent: "r1", Unit: "公安局", Item: "overall", Value: "满意"}) {
		t.Errorf("ReadAnswers = %+v", as)
	}
	_, err = survey.ReadAnswers(strings.NewReader("respondent,unit,answer\nr1,,满意\n"))
	var pe *survey.ParseError
	if !errors.As(err, &pe) || pe.Line != 2 || pe.Column != "unit" {
		t.Errorf("empty unit: err = %v", err)
	}
	_, err = survey.ReadAnswers(strings.NewReader("respondent,answer\nr1,满意\n"))
	if !errors.As(err, &pe) || pe.Line != 1 || pe.Column != "unit" {
		t.Errorf("missing unit column: err = %v", err)
	}
}

// checkParseError fails unless err is nil or a *ParseError with a line.
func checkParseError(t *testing.T, err error) {
	if err == nil {
		return
	}
	var pe *survey.ParseError
	if !errors.As(err, &pe) || pe.Line < 1 {
		t.Fatalf("error %v is not a *ParseError naming a line", err)
	}
}

func FuzzReadRespondents(f *testing.F) {
	f.Add("id,group,stratum,psu,ssu,weight,prob,fpc,fpc2,x\n1,a,s,p,q,1.5,,10,3,y\n")
	f.Add("id,weight\n1,2\n2,abc\n")
	f.Add("id\n\"unterminated\n")
	f.Add("\ufeffid,ID\n")
	f.Fuzz(func(t *testing.T, in string) {
		rs, err := survey.ReadRespondents(strings.NewReader(in))
		checkParseError(t, err)
		if err == nil && len(rs) > 0 {
			// Whatever was read is either a design or a design error.
			_, _ = survey.NewDesign(rs, survey.DesignOptions{})
		}
	})
}

func FuzzReadAnswers(f *testing.F) {
	f.Add("respondent,unit,item,answer\nr1,u,i,满意\n")
	f.Add("respondent,unit,answer\nr1,,x\n")
	f.Add("unit\n")
	f.Fuzz(func(t *testing.T, in string) {
		as, err := survey.ReadAnswers(strings.NewReader(in))
		checkParseError(t, err)
		for _, a := range as {
			if a.Respondent == "" || a.Unit == "" || a.Value == "" {
				t.Fatalf("accepted an empty field: %+v", a)
			}
		}
	})
}
