package survey

import (
	"fmt"
	"math"
	"strconv"
)

// Class is the role of an answer category in the satisfaction measures.
type Class int

const (
	// ClassNeutral counts as a valid answer that is neither satisfied nor
	// dissatisfied.
	ClassNeutral Class = iota
	// ClassSatisfied counts towards the satisfaction rate.
	ClassSatisfied
	// ClassDissatisfied counts against net satisfaction.
	ClassDissatisfied
	// ClassExcluded is not scored and not a valid answer ("don't know",
	// 不了解): it is left out of every denominator.
	ClassExcluded
)

var classNames = []string{"neutral", "satisfied", "dissatisfied", "excluded"}

// String returns the lowercase name of c.
func (c Class) String() string { return enumString("Class", int(c), classNames) }

// MarshalText returns the lowercase name of c.
func (c Class) MarshalText() ([]byte, error) { return enumMarshal("Class", int(c), classNames) }

// UnmarshalText parses a lowercase name.
func (c *Class) UnmarshalText(b []byte) error {
	return enumUnmarshal("Class", b, classNames, (*int)(c))
}

// Category is one answer option of a questionnaire scale.
type Category struct {
	// Label is the answer as recorded (e.g. "满意").
	Label string `json:"label"`
	// Points is the score of the answer (ignored when Excluded).
	Points float64 `json:"points"`
	// Class is the category's role in the satisfaction measures.
	Class Class `json:"class"`
}

// Scale is an ordered set of answer categories.
type Scale struct {
	Name       string     `json:"name"`
	Categories []Category `json:"categories"`
}

// Measure is a per-respondent value derived from an answer; every
// measure is averaged over valid (non-excluded) answers.
type Measure int

const (
	// MeanScore is the category's points: the mean score.
	MeanScore Measure = iota
	// SatisfactionRate is 1 for a satisfied category and 0 for another
	// valid one: the share of satisfied answers among valid answers.
	SatisfactionRate
	// NetSatisfaction is +1 for satisfied, -1 for dissatisfied and 0 for
	// neutral categories: the satisfied share minus the dissatisfied share.
	NetSatisfaction
)

var measureNames = []string{"mean-score", "satisfaction-rate", "net-satisfaction"}

// String returns the lowercase name of m.
func (m Measure) String() string { return enumString("Measure", int(m), measureNames) }

// MarshalText returns the lowercase name of m.
func (m Measure) MarshalText() ([]byte, error) { return enumMarshal("Measure", int(m), measureNames) }

// UnmarshalText parses a lowercase name.
func (m *Measure) UnmarshalText(b []byte) error {
	return enumUnmarshal("Measure", b, measureNames, (*int)(m))
}

// HangzhouScale returns Hangzhou's four-option scale 满意 / 比较满意 /
// 基本满意 / 不满意 (satisfied / fairly satisfied / basically satisfied /
// dissatisfied). The published "satisfaction rate" is the share of the
// first three (2005: 95.144 %) [12]. The points 100/80/60/0 are not
// published; they are the reconstruction suggested in the project's case
// notes and should be replaced by a scheme's own values.
func HangzhouScale() Scale {
	return Scale{Name: "hangzhou", Categories: []Category{
		{"满意", 100, ClassSatisfied},
		{"比较满意", 80, ClassSatisfied},
		{"基本满意", 60, ClassSatisfied},
		{"不满意", 0, ClassDissatisfied},
	}}
}

// ShandongScale returns the Shandong provincial survey scale 满意 / 基本满意
// / 不满意 / 不了解 (satisfied / basically satisfied / dissatisfied / don't
// know), scored 100 / 75 / 55 per cent of the item's weight with "don't
// know" not scored [13]. The satisfaction rate counts 满意 and 基本满意 (the
// convention of the comparable Chongqing polls; Shandong reports scores).
func ShandongScale() Scale {
	return Scale{Name: "shandong", Categories: []Category{
		{"满意", 100, ClassSatisfied},
		{"基本满意", 75, ClassSatisfied},
		{"不满意", 55, ClassDissatisfied},
		{"不了解", 0, ClassExcluded},
	}}
}

// TenPointScale returns a 10-point scale with labels "1" … "10" scoring
// their own value, as in the SCUT Guangdong survey (2013 provincial mean
// 5.38) [14]. The classes, 6–10 satisfied and 1–5 dissatisfied (split at
// the midpoint 5.5), are a convention of this package, not of the source.
func TenPointScale() Scale {
	s := Scale{Name: "ten-point"}
	for k := 1; k <= 10; k++ {
		c := ClassDissatisfied
		if k >= 6 {
			c = ClassSatisfied
		}
		s.Categories = append(s.Categories, Category{strconv.Itoa(k), float64(k), c})
	}
	return s
}

// NanjingScale returns the three-option scale 满意 / 比较满意 / 不满意
// (satisfied / fairly satisfied / dissatisfied) of Nanjing's 万人评议机关,
// whose 2002 round reported the shares 37.69 % / 61.13 % / 1.18 % (summing
// to 100 %: no "don't know" option) [15]. How the shares were turned into
// a unit's score is not published: the satisfaction rate here counts the
// first two, and the points 100 / 80 / 0 follow the reconstruction used
// for [HangzhouScale]; both are conventions of this package.
func NanjingScale() Scale {
	return Scale{Name: "nanjing", Categories: []Category{
		{"满意", 100, ClassSatisfied},
		{"比较满意", 80, ClassSatisfied},
		{"不满意", 0, ClassDissatisfied},
	}}
}

// HappyGuangdongScale returns the five-point mapping of the 2011 "幸福广东"
// (Happy Guangdong) questionnaire: 很满意 100 / 比较满意 80 / 一般 60 /
// 不太满意 40 / 很不满意 0 (very satisfied, fairly satisfied, neutral, not
// very satisfied, very dissatisfied) [16]. The points are the source's; the
// classes (the first two satisfied, 一般 neutral, the last two
// dissatisfied) are a convention of this package.
func HappyGuangdongScale() Scale {
	return Scale{Name: "happy-guangdong", Categories: []Category{
		{"很满意", 100, ClassSatisfied},
		{"比较满意", 80, ClassSatisfied},
		{"一般", 60, ClassNeutral},
		{"不太满意", 40, ClassDissatisfied},
		{"很不满意", 0, ClassDissatisfied},
	}}
}

// ChongqingScale returns the scale of the Chongqing polls, 满意 / 基本满意
// / 不满意 / 说不清 (satisfied / basically satisfied / dissatisfied / can't
// say), whose satisfaction is the share of 满意 and 基本满意 [17]; 说不清
// is left out of the denominators like "don't know". The points 100 / 60
// / 0 are not from the source (a convention of this package: replace them
// with a scheme's own values).
func ChongqingScale() Scale {
	return Scale{Name: "chongqing", Categories: []Category{
		{"满意", 100, ClassSatisfied},
		{"基本满意", 60, ClassSatisfied},
		{"不满意", 0, ClassDissatisfied},
		{"说不清", 0, ClassExcluded},
	}}
}

// HundredPointScale returns a 0–100 scale with labels "0" … "100" scoring
// their own value, as in the SCUT Guangdong survey's 2010 report
// (satisfaction mean 52.21) [14]. The classes, 60–100 satisfied and 0–59
// dissatisfied (the lower edge of the 基本满意 band 60–79 of the Meizhou
// rule-of-law poll, project case notes §9), are a convention of this
// package.
func HundredPointScale() Scale {
	s := Scale{Name: "hundred-point"}
	for k := 0; k <= 100; k++ {
		c := ClassDissatisfied
		if k >= 60 {
			c = ClassSatisfied
		}
		s.Categories = append(s.Categories, Category{strconv.Itoa(k), float64(k), c})
	}
	return s
}

// Validate returns an error wrapping ErrInvalidInput if the scale has no
// categories, an empty or duplicate label, an unknown class, non-finite
// points, or no valid (non-excluded) category.
func (s Scale) Validate() error {
	if len(s.Categories) == 0 {
		return fmt.Errorf("%w: scale %q has no categories", ErrInvalidInput, s.Name)
	}
	seen := map[string]bool{}
	valid := 0
	for k, c := range s.Categories {
		switch {
		case c.Label == "":
			return fmt.Errorf("%w: scale %q: category %d has an empty label", ErrInvalidInput, s.Name, k)
		case seen[c.Label]:
			return fmt.Errorf("%w: scale %q: duplicate label %q", ErrInvalidInput, s.Name, c.Label)
		case c.Class < 0 || c.Class > ClassExcluded:
			return fmt.Errorf("%w: scale %q: category %q has unknown class %d", ErrInvalidInput, s.Name, c.Label, int(c.Class))
		case c.Class != ClassExcluded && (math.IsNaN(c.Points) || math.IsInf(c.Points, 0)):
			return fmt.Errorf("%w: scale %q: category %q has points %v", ErrInvalidInput, s.Name, c.Label, c.Points)
		}
		seen[c.Label] = true
		if c.Class != ClassExcluded {
			valid++
		}
	}
	if valid == 0 {
		return fmt.Errorf("%w: scale %q has no scored category", ErrInvalidInput, s.Name)
	}
	return nil
}

// Index returns the position of the category with the given label.
func (s Scale) Index(label string) (int, bool) {
	for k, c := range s.Categories {
		if c.Label == label {
			return k, true
		}
	}
	return 0, false
}

// value returns category k's value under m (NaN if excluded).
func (s Scale) value(k int, m Measure) float64 {
	c := s.Categories[k]
	if c.Class == ClassExcluded {
		return math.NaN()
	}
	switch m {
	case SatisfactionRate:
		if c.Class == ClassSatisfied {
			return 1
		}
		return 0
	case NetSatisfaction:
		switch c.Class {
		case ClassSatisfied:
			return 1
		case ClassDissatisfied:
			return -1
		}
		return 0
	}
	return c.Points
}

// Values returns the value of every scored (non-excluded) category under
// m, in scale order: the values vector that matches the counts of
// [AnswerSet.CategoryCounts]. It panics for an unknown measure.
func (s Scale) Values(m Measure) []float64 {
	checkEnum("Measure", int(m), len(measureNames))
	var out []float64
	for k, c := range s.Categories {
		if c.Class != ClassExcluded {
			out = append(out, s.value(k, m))
		}
	}
	return out
}

// Summary is the satisfaction measures of a distribution of answers.
type Summary struct {
	// Valid and Excluded are the (weighted) numbers of valid and excluded
	// answers.
	Valid, Excluded float64
	// SatisfactionRate is satisfied / valid.
	SatisfactionRate float64
	// MeanScore is sum of points / valid.
	MeanScore float64
	// NetSatisfaction is (satisfied - dissatisfied) / valid.
	NetSatisfaction float64
}

// Summarize returns the measures of the (weighted) counts of answers in
// each category, counts[k] for category k:
//
//	valid = sum_{k not excluded} counts_k
//	SatisfactionRate = sum_{k satisfied} counts_k / valid
//	MeanScore        = sum_{k not excluded} points_k counts_k / valid
//	NetSatisfaction  = (sum_{k satisfied} - sum_{k dissatisfied}) counts_k / valid
//
// It returns an error wrapping ErrInvalidInput for an invalid scale or a
// negative, NaN or infinite count, and ErrEmptyCell if there is no valid
// answer. It panics if len(counts) != len(s.Categories).
func (s Scale) Summarize(counts []float64) (Summary, error) {
	if len(counts) != len(s.Categories) {
		panic(fmt.Sprintf("survey: %d counts for %d categories", len(counts), len(s.Categories)))
	}
	if err := s.Validate(); err != nil {
		return Summary{}, err
	}
	var out Summary
	var sat, dis, pts float64
	for k, c := range s.Categories {
		v := counts[k]
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return Summary{}, fmt.Errorf("%w: count %v for %q", ErrInvalidInput, v, c.Label)
		}
		switch c.Class {
		case ClassExcluded:
			out.Excluded += v
			continue
		case ClassSatisfied:
			sat += v
		case ClassDissatisfied:
			dis += v
		}
		out.Valid += v
		pts += float64(c.Points * v)
	}
	if !(out.Valid > 0) {
		return out, fmt.Errorf("%w: no valid answers", ErrEmptyCell)
	}
	out.SatisfactionRate = sat / out.Valid
	out.MeanScore = pts / out.Valid
	out.NetSatisfaction = (sat - dis) / out.Valid
	return out, nil
}
