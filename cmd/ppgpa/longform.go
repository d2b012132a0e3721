package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"

	"github.com/ppgpa/ppgpa/survey"
)

// recordLines returns the file line of every data record of a CSV file
// (after the header), so that errors about the n-th record can name its
// line even when the file has blank lines or quoted line breaks.
func recordLines(b []byte) []int {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	var lines []int
	for first := true; ; first = false {
		if _, err := r.Read(); err != nil {
			return lines
		}
		if line, _ := r.FieldPos(0); !first {
			lines = append(lines, line)
		}
	}
}

// lineOf returns the line of record i, or 0 if unknown.
func lineOf(lines []int, i int) int {
	if i >= 0 && i < len(lines) {
		return lines[i]
	}
	return 0
}

// surveyFileErr names the file and line of a survey reader or design
// error.
func surveyFileErr(file string, lines []int, err error) error {
	var pe *survey.ParseError
	var re *survey.RowError
	var ae *survey.AnswerError
	switch {
	case errors.As(err, &pe):
		if pe.Column != "" {
			return fmt.Errorf("%s: line %d, column %q: %s", file, pe.Line, pe.Column, trimSurvey(pe.Err))
		}
		return fmt.Errorf("%s: line %d: %s", file, pe.Line, trimSurvey(pe.Err))
	case errors.As(err, &re) && lineOf(lines, re.Row) > 0:
		return fmt.Errorf("%s: line %d (respondent %q): %s", file, lineOf(lines, re.Row), re.ID, trimSurvey(re.Err))
	case errors.As(err, &ae) && lineOf(lines, ae.Index) > 0:
		return fmt.Errorf("%s: line %d: %s", file, lineOf(lines, ae.Index), trimSurvey(ae.Err))
	}
	return fmt.Errorf("%s: %s", file, trimSurvey(err))
}

func trimSurvey(err error) string {
	s := err.Error()
	for _, p := range []string{"survey: ", "invalid input: "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// estimateLongForm estimates per-unit satisfaction from respondents and
// long-form answers with the survey package's readers and
// AnswerSet.Estimates.
// With repl, the standard errors come from replicate weights. With
// rakeFile the design is raked to its margins first (and the raking is
// redone in every replicate).
func (e *env) estimateLongForm(ctx context.Context, respFile, ansFile string, sc survey.Scale, us survey.UnitSettings, weightsFile, rakeFile string, opt survey.DesignOptions, repl *survey.ReplicateSettings) ([]survey.UnitEstimate, error) {
	lf, err := e.loadLongForm(ctx, respFile, ansFile, sc, weightsFile, rakeFile, opt)
	if err != nil {
		return nil, err
	}
	if repl != nil {
		if us.Replicates, err = e.replicates(ctx, lf.des, *repl); err != nil {
			return nil, surveyFileErr(lf.rname, lf.rlines, err)
		}
	}
	est, err := lf.set.Estimates(ctx, us)
	if err != nil {
		return nil, surveyFileErr(lf.aname, nil, err)
	}
	return est, nil
}

// longForm is a design and its long-form answers, with the names and
// record lines of their files for errors.
type longForm struct {
	des          *survey.Design
	set          *survey.AnswerSet
	rname, aname string
	rlines       []int
}

// loadLongForm reads respondents and long-form answers into a design
// (weighted by weightsFile and raked to rakeFile's margins, if given) and
// its answer set on scale sc.
func (e *env) loadLongForm(ctx context.Context, respFile, ansFile string, sc survey.Scale, weightsFile, rakeFile string, opt survey.DesignOptions) (*longForm, error) {
	b, err := e.readTabular(respFile)
	if err != nil {
		return nil, err
	}
	rname, rlines := displayName(respFile), recordLines(b)
	rs, err := survey.ReadRespondents(bytes.NewReader(b))
	if err != nil {
		return nil, surveyFileErr(rname, rlines, err)
	}
	if weightsFile != "" {
		ids := make([]string, len(rs))
		for i, r := range rs {
			ids[i] = r.ID
		}
		rf := respondentsFromIDs(rname, ids)
		w, err := e.weightsByID(weightsFile, rf)
		if err != nil {
			return nil, err
		}
		for i := range rs {
			rs[i].Weight = w[i]
		}
	}
	des, err := survey.NewDesign(rs, opt)
	if err != nil {
		return nil, surveyFileErr(rname, rlines, err)
	}
	if rakeFile != "" {
		if des, err = e.rakeDesign(ctx, des, rakeFile, des.Column); err != nil {
			return nil, err
		}
	}
	b, err = e.readTabular(ansFile)
	if err != nil {
		return nil, err
	}
	aname, alines := displayName(ansFile), recordLines(b)
	as, err := survey.ReadAnswers(bytes.NewReader(b))
	if err != nil {
		return nil, surveyFileErr(aname, alines, err)
	}
	set, err := des.Answers(as, sc)
	if err != nil {
		return nil, surveyFileErr(aname, alines, err)
	}
	return &longForm{des: des, set: set, rname: rname, aname: aname, rlines: rlines}, nil
}
