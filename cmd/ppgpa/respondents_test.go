package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/survey"
)

// TestRespondentIDColumn: both forms of estimate take the ids from the
// column named id wherever it stands, else from the first column; moving
// the id column does not change the output.
func TestRespondentIDColumn(t *testing.T) {
	t.Chdir("testdata")
	short := []string{"estimate", "-unit", "district", "-scale", "hangzhou", "-"}
	first := runPPGPA(t, "id,district,answer\n1,a,满意\n2,a,不满意\n3,b,满意\n", short...)
	moved := runPPGPA(t, "district,answer,id\na,满意,1\na,不满意,2\nb,满意,3\n", short...)
	named := runPPGPA(t, "编号,district,answer\n1,a,满意\n2,a,不满意\n3,b,满意\n", short...)
	if first.code != 0 || moved.stdout != first.stdout || named.stdout != first.stdout {
		t.Errorf("short form: id first %+v, id last %+v, no id column %+v", first, moved, named)
	}
	dup := runPPGPA(t, "district,answer,id\na,满意,1\na,不满意,1\n", short...)
	if dup.code != 1 || !strings.Contains(dup.stderr, `line 3, column 3 (id): respondent "1" already on line 2`) {
		t.Errorf("duplicate id: %+v", dup)
	}
	long := []string{"estimate", "-scale", "shandong", "-", "answers.csv"}
	want := runPPGPA(t, "", "estimate", "-scale", "shandong", "resp_long.csv", "answers.csv")
	for _, in := range []string{
		"group,weight,id\n电话,1,r1\n电话,2,r2\n问卷,1,r3\n问卷,1,r4\n电话,1,r5\n问卷,3,r6\n",
		"respondent,group,weight\nr1,电话,1\nr2,电话,2\nr3,问卷,1\nr4,问卷,1\nr5,电话,1\nr6,问卷,3\n",
	} {
		got := runPPGPA(t, in, long...)
		if want.code != 0 || got.stdout != want.stdout || got.code != 0 {
			t.Errorf("long form %q: %+v, want %+v", in, got, want)
		}
	}
}

// FuzzRespondentReaders feeds arbitrary CSV to the respondent readers of
// both forms and to the column accessors estimate uses: they return an
// error naming the file or a usable table, and never panic.
func FuzzRespondentReaders(f *testing.F) {
	f.Add("id,district,answer,weight\n1,a,满意,2\n2,b,,1\n")
	f.Add("district,answer,id\na,1,x\na,2,x\n")
	f.Add("\ufeff编号,group,weight,psu\nr1,电话,NA,p\n")
	f.Add("id,id\n1,2\n")
	f.Add("a,\"b\nc\",d\n1,2\n")
	f.Add("group,weight\nx,1\n")
	f.Fuzz(func(t *testing.T, in string) {
		rf, err := readRespondents("in.csv", []byte(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "in.csv: ") {
				t.Fatalf("error %q does not name the file", err)
			}
		} else {
			if rf.n == 0 || rf.idCol < 0 || rf.idCol >= len(rf.header) {
				t.Fatalf("respondents %+v", rf)
			}
			for _, h := range rf.header {
				if c, err := rf.column(h, "-x"); err != nil || len(c) != rf.n {
					t.Fatalf("column %q: %d cells for %d respondents, %v", h, len(c), rf.n, err)
				}
				_, _ = rf.numeric(h, "-x", true)
			}
			if w, err := rf.weights(""); err == nil {
				_, _ = rf.designWith(w, designColumns{psu: rf.header[len(rf.header)-1]}, survey.DesignOptions{})
			}
		}
		rs, err := survey.ReadRespondents(bytes.NewReader([]byte(in)))
		if err != nil {
			if e := surveyFileErr("in.csv", recordLines([]byte(in)), err); !strings.HasPrefix(e.Error(), "in.csv: ") {
				t.Fatalf("error %q does not name the file", e)
			}
			return
		}
		for _, r := range rs {
			if r.ID == "" {
				t.Fatalf("accepted an empty id: %+v", rs)
			}
		}
	})
}
