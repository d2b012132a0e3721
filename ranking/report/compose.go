package report

import (
	"encoding/csv"
	"math"
	"strconv"
	"strings"
)

// composer builds the blocks of a report.
type composer struct {
	in *Input
	ls []Lang
}

// t formats m with args in every language written.
func (c *composer) t(m msg, args ...any) texts {
	out := make(texts, len(c.ls))
	for i, l := range c.ls {
		out[i] = m.in(l, args...)
	}
	return out
}

// tf builds a text per language with f.
func (c *composer) tf(f func(l Lang) string) texts {
	out := make(texts, len(c.ls))
	for i, l := range c.ls {
		out[i] = f(l)
	}
	return out
}

// cell joins a short phrase of every language for a table cell.
func (c *composer) cell(f func(l Lang) string) string {
	return strings.Join(c.tf(f), " / ")
}

func (c *composer) ind(k int) Indicator {
	if k >= 0 && k < len(c.in.Indicators) {
		return c.in.Indicators[k]
	}
	return Indicator{}
}

func heading(level int, t texts) block { return block{kind: bHeading, level: level, text: t} }
func para(class string, t texts) block { return block{kind: bPara, class: class, text: t} }

// compose returns the blocks of the report of in.
func compose(in *Input) []block {
	c := &composer{in: in, ls: in.Lang.langs()}
	var out []block
	out = append(out, c.header()...)
	out = append(out, c.league())
	if ch := c.intervals(); ch != nil {
		out = append(out, *ch)
	}
	if cm := c.comparison(); cm != nil {
		out = append(out, *cm)
	}
	out = append(out, c.units())
	out = append(out, c.methods())
	if len(in.Model) > 0 || len(in.Data) > 0 || in.Fingerprint != "" {
		out = append(out, c.verify())
	}
	return out
}

func (c *composer) header() []block {
	in := c.in
	var meta []texts
	if in.Issuer != "" {
		meta = append(meta, c.t(mIssuer, in.Issuer))
	}
	if in.Period != "" {
		meta = append(meta, c.t(mPeriod, in.Period))
	}
	if in.Published != "" {
		meta = append(meta, c.tf(func(l Lang) string { return mPublished.in(l, date(l, in.Published)) }))
	}
	out := []block{{kind: bHeading, level: 1, text: texts{in.Title}}}
	for _, m := range meta {
		out = append(out, para("meta", m))
	}
	if in.Description != "" {
		out = append(out, para("description", texts{in.Description}))
	}
	out = append(out, para("meta", c.tf(func(l Lang) string {
		return mUnits.in(l, len(in.Units)) + " · " + mIndicators.in(l, len(in.Indicators))
	})))
	return out
}

func (c *composer) league() block {
	in := c.in
	tb := &table{}
	col := func(h texts, num, name bool) {
		tb.head, tb.num, tb.name = append(tb.head, h), append(tb.num, num), append(tb.name, name)
	}
	col(c.t(cRank), true, false)
	col(c.t(cUnit), false, true)
	col(c.t(cScore), true, false)
	hasGrade, hasLast, hasEst, hasSet := false, false, false, false
	// Units whose change cannot be given: without last year's rank, and
	// ranked last year but not this year.
	noLast, noRank := false, false
	for _, u := range in.Units {
		hasGrade = hasGrade || u.Grade != ""
		hasLast = hasLast || u.LastRank > 0
		hasEst = hasEst || u.Estimate != nil
		hasSet = hasSet || u.RankSet != nil
	}
	if hasGrade {
		col(c.t(cGrade), false, true)
	}
	if hasLast {
		col(c.t(cLast), true, false)
		col(c.t(cChange), true, false)
	}
	if in.Uncertainty != nil {
		col(c.t(cInterval, pct(in.Uncertainty.Level)), true, false)
	}
	if hasSet {
		col(c.t(cRankSet), true, false)
	}
	if hasEst {
		name := in.Estimate
		if name == "" {
			name = "–"
		}
		col(c.t(cEstimate, name, pct(in.EstimateLevel)), true, false)
	}
	for _, p := range in.Parts {
		col(texts{p}, true, false)
	}
	col(c.t(cNote), false, false)
	tb.wide = len(tb.head)
	s := block{kind: bSection, id: "league", sub: []block{heading(2, c.t(hLeague))}}
	// One table per category when categories are ranked apart.
	var tables []*table
	group := ""
	for k, u := range in.Units {
		if k == 0 || u.Category != group {
			group = u.Category
			t := &table{head: tb.head, num: tb.num, name: tb.name, wide: tb.wide}
			tables = append(tables, t)
			if len(in.Categories) > 0 {
				s.sub = append(s.sub, heading(3, texts{u.Category}))
			}
			s.sub = append(s.sub, block{kind: bTable, table: t})
		}
		tb := tables[len(tables)-1]
		row := []string{rank(u.Rank), u.ID, fixed(u.Score, 2)}
		if hasGrade {
			row = append(row, u.Grade)
		}
		if hasLast {
			// As score's league table: an unchanged rank is 持平 in a
			// Chinese (or bilingual) report, 0 in English; a unit
			// without last year's rank has the mark of a missing
			// comparison ("—" in Chinese, NA in English) for both
			// cells, and one ranked last year but not this year for
			// its change, explained under the table (noRankNote).
			lr, ch := c.noLastMark(), c.noLastMark()
			switch {
			case u.LastRank <= 0:
				noLast = true
			case math.IsNaN(u.Rank):
				lr, noRank = rank(u.LastRank), true
			default:
				lr, ch = rank(u.LastRank), change(u.Rank, u.LastRank)
				if ch == "–" {
					ch = vUnchanged.in(c.ls[0])
				}
			}
			row = append(row, lr, ch)
		}
		if in.Uncertainty != nil {
			iv := "–"
			if u.Interval != nil {
				iv = span(u.Interval.Lo, u.Interval.Hi)
			}
			row = append(row, iv)
		}
		if hasSet {
			s := "–"
			if u.RankSet != nil {
				s = span(float64(u.RankSet.Lo), float64(u.RankSet.Hi))
			}
			row = append(row, s)
		}
		if hasEst {
			s := "–"
			if e := u.Estimate; e != nil {
				s = fixed(e.Value, 1) + " (" + fixed(e.Lo, 1) + "–" + fixed(e.Hi, 1) + ")"
			}
			row = append(row, s)
		}
		for _, p := range u.Parts {
			row = append(row, fixed(p, 2))
		}
		row = append(row, c.note(u))
		tb.rows = append(tb.rows, row)
		cls := ""
		if u.Vetoed {
			cls = "vetoed"
		}
		tb.cls = append(tb.cls, cls)
	}
	if len(in.Parts) > 0 {
		s.sub = append(s.sub, para("note", c.tf(func(l Lang) string { return pPartsNote.in(l, list(l, in.Parts)) })))
	}
	if hasLast {
		s.sub = append(s.sub, para("note", c.t(pChangeNote)))
	}
	if noLast || noRank {
		s.sub = append(s.sub, para("note", c.t(noRankNote(noLast, noRank), tableCell(c.ls, c.noLastMark()))))
	}
	if hasSet {
		s.sub = append(s.sub, para("note", c.t(pRankSetNote, pct(in.RankSetLevel))))
	}
	if hasEst {
		s.sub = append(s.sub, para("note", c.t(pEstimateNote, pct(in.EstimateLevel))))
	}
	return s
}

// noRankNote is the note under a league table that says why a change
// cannot be given: no rank last year (noLast), none this year (noRank),
// or either, in the words of score's league table.
func noRankNote(noLast, noRank bool) msg {
	switch {
	case noLast && noRank:
		return pNoRankEitherNote
	case noRank:
		return pNoRankNowNote
	}
	return pNoLastNote
}

// noLastMark is the mark of a league table's cells of a unit without
// last year's rank: "–" (written "—") when the report's tables are
// Chinese, "NA" in English, as score's league table marks them.
func (c *composer) noLastMark() string {
	if c.ls[0] == Chinese {
		return "–"
	}
	return "NA"
}

// note is the note cell of a unit's row.
func (c *composer) note(u Unit) string {
	var p []string
	if u.Vetoed {
		p = append(p, c.cell(func(l Lang) string {
			return vetoText(l, u.Veto)
		}))
	}
	if u.BottomK {
		p = append(p, c.cell(func(l Lang) string { return vBottom.in(l) }))
	}
	if u.Promoted {
		p = append(p, c.cell(func(l Lang) string { return vPromoted.in(l) }))
	}
	p = append(p, u.Designations...)
	if u.Note != "" {
		p = append(p, u.Note)
	}
	sep := pNoteSep.in(English)
	if c.in.Lang == Chinese {
		sep = pNoteSep.in(Chinese)
	}
	return strings.Join(p, sep)
}

func span(lo, hi float64) string {
	if lo == hi {
		return rank(lo)
	}
	return rank(lo) + "–" + rank(hi)
}

func (c *composer) intervals() *block {
	in := c.in
	u := in.Uncertainty
	if u == nil || len(in.Units) == 0 {
		return nil
	}
	factors := func(l Lang) string {
		var fs []string
		for _, f := range u.Factors {
			fs = append(fs, factorName(l, f))
		}
		return list(l, fs)
	}
	m := pChartModel
	switch u.Sources {
	case Sampling:
		m = pChartSampling
	case Combined:
		m = pChartBoth
	}
	caption := []texts{
		c.tf(func(l Lang) string { return m.in(l, pct(u.Level), u.Replications, u.Seed, factors(l)) }),
		c.t(pChartLegend, pct(u.Level), fixed(u.MeanAbsShift, 2)),
		c.t(pChartRead),
	}
	// One chart per league table (a category's units, ranked apart), the
	// caption under the last.
	s := block{kind: bSection, id: "intervals", sub: []block{heading(2, c.t(hIntervals))}}
	var groups [][]Unit
	for k, un := range in.Units {
		if k == 0 || un.Category != in.Units[k-1].Category {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], un)
	}
	for k, g := range groups {
		sub := *in
		sub.Units = g
		svg := rankChart(&sub, c.ls)
		if k > 0 {
			svg = strings.ReplaceAll(svg, `"chart-title"`, `"chart-title-`+strconv.Itoa(k)+`"`)
		}
		if len(in.Categories) > 0 {
			s.sub = append(s.sub, heading(3, texts{g[0].Category}))
		}
		s.sub = append(s.sub, block{kind: bChart, svg: svg, plain: textChart(&sub)})
	}
	fig := &s.sub[len(s.sub)-1]
	for _, t := range caption {
		fig.sub = append(fig.sub, para("note", t))
	}
	if len(u.Sobol) > 0 {
		tb := &table{head: []texts{c.t(cFactor), c.t(cFirst), c.t(cTotal)}, num: []bool{false, true, true}, name: []bool{false, false, false}}
		for _, si := range u.Sobol {
			tb.rows = append(tb.rows, []string{c.cell(func(l Lang) string { return factorName(l, si.Factor) }), fixed(si.First, 2), fixed(si.Total, 2)})
		}
		s.sub = append(s.sub, heading(3, c.t(hSobol)), block{kind: bTable, table: tb}, para("note", c.t(pSobolNote)))
	}
	return &s
}

func (c *composer) units() block {
	s := block{kind: bSection, id: "units", sub: []block{heading(2, c.t(hUnits))}}
	for _, u := range c.in.Units {
		s.sub = append(s.sub, c.card(u))
	}
	return s
}

func (c *composer) card(u Unit) block {
	in := c.in
	title := c.tf(func(l Lang) string {
		r := rankPhrase(l, u.Rank, u.Tied)
		switch {
		case math.IsNaN(u.Rank) && u.Category != "":
			r = fCategoryNotRanked.in(l, u.Category)
		case math.IsNaN(u.Rank):
			r = vNotRankedNow.in(l)
		case u.Category != "":
			r = fCategoryRank.in(l, u.Category, r)
		}
		if l == English {
			return r + " " + u.ID + " — " + mCardScore(l, u)
		}
		return r + " " + u.ID + "，得分" + mCardScore(l, u)
	})
	card := block{kind: bCard, id: "unit-" + u.ID, sub: []block{heading(3, title)}}
	var flags []texts
	if u.Vetoed {
		flags = append(flags, c.tf(func(l Lang) string {
			return vetoText(l, u.Veto)
		}))
	}
	if u.Promoted {
		flags = append(flags, c.t(vPromoted))
	}
	if len(u.Designations) > 0 {
		flags = append(flags, c.tf(func(l Lang) string { return lDesignations.in(l) + sep(l) + list(l, u.Designations) }))
	}
	if u.Note != "" {
		flags = append(flags, c.tf(func(l Lang) string { return cNote.in(l) + sep(l) + u.Note }))
	}
	for _, f := range flags {
		card.sub = append(card.sub, para("note", f))
	}
	findings := func(fs []Finding) []texts {
		var items []texts
		for _, f := range fs {
			items = append(items, c.tf(func(l Lang) string { return findingText(l, f, c.ind(f.Indicator)) }))
		}
		return items
	}
	if len(u.Strengths) > 0 {
		card.sub = append(card.sub, para("label", c.t(lStrengths)), block{kind: bList, items: findings(u.Strengths)})
	}
	if len(u.Weaknesses) > 0 {
		card.sub = append(card.sub, para("label", c.t(lWeaknesses)), block{kind: bList, items: findings(u.Weaknesses)})
	} else {
		card.sub = append(card.sub, para("note", c.t(pNoWeakness)))
	}
	var recs []texts
	for _, f := range u.Weaknesses {
		x := c.ind(f.Indicator)
		if math.IsNaN(f.WhatIfScore) || !better(f, x) {
			continue
		}
		recs = append(recs, c.tf(func(l Lang) string { return whatIfText(l, f, x, u) }))
	}
	if m := u.Improvement; m != nil && len(m.Indicators) > 1 {
		recs = append(recs, c.tf(func(l Lang) string { return improvementText(l, m, u) }))
	}
	if len(recs) > 0 {
		card.sub = append(card.sub, para("label", c.t(lRecommendations)), block{kind: bList, items: recs})
	}
	if len(u.Comments) > 0 {
		card.sub = append(card.sub, para("label assessor", c.t(lComments)))
		var items []texts
		for _, cm := range u.Comments {
			items = append(items, c.tf(func(l Lang) string {
				k := kComment
				if cm.Kind == Recommendation {
					k = kRecommendation
				}
				return k.in(l) + sep(l) + oneLine(cm.Text)
			}))
		}
		card.sub = append(card.sub, block{kind: bList, class: "assessor", items: items})
	}
	if len(u.Residents) > 0 {
		card.sub = append(card.sub, para("label", c.t(lResidents)))
		card.sub = append(card.sub, para("", c.tf(func(l Lang) string {
			var p []string
			total := 0
			for _, r := range u.Residents {
				p = append(p, pResidentCount.in(l, r.Category, r.Count))
				total += r.Count
			}
			j := "；"
			if l == English {
				j = "; "
			}
			return strings.Join(p, j) + sentenceSep(l) + pResidentsTotal.in(l, total)
		})))
	}
	_ = in
	return card
}

// changeWords says the change of rank since last year in words, for
// prose: "上升2位", "下降1位", "名次不变" ("up 2", "down 1", "no change");
// "本年不排名" ("not ranked this year") when r is NaN.
func changeWords(l Lang, r, last float64) string {
	if math.IsNaN(r) {
		return vNotRanked.in(l)
	}
	switch d := last - r; {
	case d > 0:
		return vUp.in(l, rank(d))
	case d < 0:
		return vDown.in(l, rank(-d))
	}
	return vNoChange.in(l)
}

// vetoText says that a unit is vetoed, with the reasons when known; a
// reason that already says 一票否决 is not prefixed again.
func vetoText(l Lang, reason string) string {
	switch {
	case reason == "":
		return vVeto.in(l)
	case l != English && strings.HasPrefix(reason, vVeto.in(Chinese)):
		return reason
	}
	return vVetoBy.in(l, reason)
}

// mCardScore is the score part of a card's heading.
func mCardScore(l Lang, u Unit) string {
	s := fixed(u.Score, 2)
	if l == Chinese {
		s += "分"
	}
	if u.Grade != "" {
		if l == English {
			s += ", grade " + u.Grade
		} else {
			s += "，等级为“" + u.Grade + "”"
		}
	}
	if u.LastRank > 0 {
		if l == English {
			s += " (" + fLastYear.in(l, ordinal(u.LastRank)) + ", " + changeWords(l, u.Rank, u.LastRank) + ")"
		} else {
			s += "（" + fLastYear.in(l, "第"+rank(u.LastRank)+"名") + "，" + changeWords(l, u.Rank, u.LastRank) + "）"
		}
	}
	return s
}

func sep(l Lang) string {
	if l == English {
		return ": "
	}
	return "："
}

func sentenceSep(l Lang) string {
	if l == English {
		return ". "
	}
	return "。"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func better(f Finding, x Indicator) bool {
	if x.LowerIsBetter {
		return f.PeerMedian < f.Raw
	}
	return f.PeerMedian > f.Raw
}

// findingText is one strength or weakness.
// An indicator of labels names the unit's label and the one most common
// among its peers (not applicable when there is no one such label).
func findingText(l Lang, f Finding, x Indicator) string {
	if x.Labels {
		raw, peers := f.Label, f.PeerMode
		if raw == "" {
			raw = "–"
		}
		if f.Imputed {
			raw += fImputed.in(l)
		}
		if peers == "" {
			peers = vNotApplicable.in(l)
		}
		return fFindingLabel.in(l, x.Label(), raw, peers, f.Of, placePhrase(l, f.Place, f.Tied), fixed(f.Points, 2))
	}
	raw := value(l, f.Raw, x.Unit, x.Decimals)
	if f.Imputed {
		raw += fImputed.in(l)
	}
	return fFinding.in(l, x.Label(), raw, value(l, f.PeerMedian, x.Unit, x.Decimals), f.Of, placePhrase(l, f.Place, f.Tied), fixed(f.Points, 2))
}

// whatIfText is what moving one weak indicator to the peers' median gives.
func whatIfText(l Lang, f Finding, x Indicator, u Unit) string {
	verb := vRaise
	if x.LowerIsBetter {
		verb = vLowerTo
	}
	return fWhatIf.in(l, x.Label(), value(l, f.Raw, x.Unit, x.Decimals), verb.in(l), value(l, f.PeerMedian, x.Unit, x.Decimals),
		fixed(f.WhatIfScore, 2), scoreChange(l, f.WhatIfScore-u.Score), rankMove(l, u.Rank, u.Tied, f.WhatIfRank, f.WhatIfTied))
}

// scoreChange says how much a score changes, to two decimals: "提高0.35分",
// "降低0.10分", "变化不足0.01分" ("+0.35 points").
func scoreChange(l Lang, d float64) string {
	switch s := fixed(math.Abs(d), 2); {
	case s == "0.00" || math.IsNaN(d):
		return vScoreSame.in(l)
	case d > 0:
		return vScoreUp.in(l, s)
	default:
		return vScoreDown.in(l, s)
	}
}

// rankMove says how a rank changes.
func rankMove(l Lang, from float64, fromTied bool, to float64, toTied bool) string {
	a, b := rankPhrase(l, from, fromTied), rankPhrase(l, to, toTied)
	switch {
	case to < from:
		return vRankUp.in(l, a, b)
	case to > from:
		return vRankDown.in(l, a, b)
	}
	return vRankSame.in(l, b)
}

func improvementText(l Lang, m *Improvement, u Unit) string {
	g := ""
	if m.Grade != "" {
		g = fGradeThen.in(l, m.Grade)
	}
	return fImprovement.in(l, len(m.Indicators), fixed(m.Score, 2), rankMove(l, u.Rank, u.Tied, m.Rank, m.Tied), g)
}

func (c *composer) methods() block {
	in := c.in
	s := block{kind: bSection, id: "methods", sub: []block{heading(2, c.t(hMethods))}}
	if me := in.Methods; me != nil {
		names := func(l Lang, ms []string, imp bool) string {
			var out []string
			for _, m := range ms {
				if imp {
					out = append(out, imputationName(l, m))
				} else {
					out = append(out, methodName(l, m))
				}
			}
			return list(l, out)
		}
		s.sub = append(s.sub, para("", c.t(pMethodsIntro, len(in.Indicators), me.Levels)))
		var items []texts
		items = append(items, c.tf(func(l Lang) string { return pNormalization.in(l, names(l, me.Normalizations, false)) }))
		items = append(items, c.tf(func(l Lang) string { return pAggregation.in(l, names(l, me.Aggregations, false)) }))
		if len(me.Weightings) > 0 {
			items = append(items, c.tf(func(l Lang) string { return pWeighting.in(l, names(l, me.Weightings, false)) }))
		}
		items = append(items, c.tf(func(l Lang) string {
			if len(me.Imputations) == 0 {
				return pImputation.in(l, pNoImputation.in(l))
			}
			return pImputation.in(l, names(l, me.Imputations, true))
		}))
		var sources []string
		for _, x := range in.Indicators {
			if x.Source != "" && !contains(sources, x.Source) {
				sources = append(sources, x.Source)
			}
		}
		if len(sources) > 0 {
			items = append(items, c.tf(func(l Lang) string { return pSources.in(l, list(l, sources)) }))
		}
		if me.Survey != "" || me.Respondents > 0 {
			items = append(items, c.tf(func(l Lang) string {
				var p []string
				if me.Survey != "" {
					p = append(p, me.Survey)
				}
				if me.Respondents > 0 {
					p = append(p, pSample.in(l, me.Respondents))
				}
				j := "，"
				if l == English {
					j = ", "
				}
				return pSurvey.in(l, strings.Join(p, j))
			}))
		}
		switch me.Ties {
		case "min":
			items = append(items, c.t(pRanking))
		case "average":
			items = append(items, c.t(pRankingAvg))
		case "dense":
			items = append(items, c.t(pRankingDense))
		case "ordinal":
			items = append(items, c.t(pRankingOrd))
		}
		if len(in.Categories) > 0 {
			items = append(items, c.tf(func(l Lang) string { return pCategories.in(l, list(l, in.Categories)) }))
		}
		if len(in.EmptyCategories) > 0 {
			items = append(items, c.tf(func(l Lang) string { return pNoUnits.in(l, list(l, in.EmptyCategories)) }))
		}
		if me.VetoLast {
			items = append(items, c.t(pVetoLast))
		}
		if len(me.Grades) > 0 {
			items = append(items, c.tf(func(l Lang) string {
				var gs []string
				for _, g := range me.Grades {
					switch min, quota := !math.IsNaN(g.MinScore), !math.IsNaN(g.MaxShare); {
					case min && quota:
						gs = append(gs, pGradeBoth.in(l, g.Name, num(g.MinScore), pct(g.MaxShare)))
					case min:
						gs = append(gs, pGradeMin.in(l, g.Name, num(g.MinScore)))
					case quota:
						gs = append(gs, pGradeQuota.in(l, g.Name, pct(g.MaxShare)))
					default:
						gs = append(gs, pGradeRest.in(l, g.Name))
					}
				}
				j := "；"
				if l == English {
					j = "; "
				}
				return pGrades.in(l, strings.Join(gs, j))
			}))
		}
		s.sub = append(s.sub, block{kind: bList, items: items})
		if co := me.Coherence; co != nil {
			s.sub = append(s.sub, c.coherence(co)...)
		}
	}
	tb := &table{head: []texts{c.t(cIndicator), c.t(cUnitOf), c.t(cWeight), c.t(cPolarity), c.t(cSource)},
		num: []bool{false, false, true, false, false}, name: []bool{false, true, false, true, false}}
	for _, x := range in.Indicators {
		pol := c.cell(func(l Lang) string {
			if x.LowerIsBetter {
				return vLower.in(l)
			}
			return vHigher.in(l)
		})
		name := x.Label()
		if x.Description != "" {
			name += "：" + x.Description
		}
		tb.rows = append(tb.rows, []string{name, x.Unit, pctWeight(x.Weight), pol, x.Source})
	}
	s.sub = append(s.sub, heading(3, c.t(hIndicators)), block{kind: bTable, table: tb})
	return s
}

// coherence is the coherence subsection of the methods: a table of the
// groups, the flagged pairs and how to read them.
func (c *composer) coherence(co *Coherence) []block {
	tb := &table{head: []texts{c.t(cGroup), c.t(cChildren), c.t(cAlpha), c.t(cWithIndex)},
		num: []bool{false, true, true, true}, name: []bool{true, false, false, false}}
	var flags []texts
	for _, g := range co.Groups {
		tb.rows = append(tb.rows, []string{g.Name, strconv.Itoa(g.Children), fixed(g.Alpha, 2), fixed(g.WithIndex, 2)})
		for _, f := range g.Flags {
			m, th := fRedundant, co.Redundant
			if f.Negative {
				m, th = fNegative, co.Negative
			}
			flags = append(flags, c.t(m, f.A, f.B, fixed(f.R, 2), num(th)))
		}
	}
	out := []block{heading(3, c.t(hCoherence)), {kind: bTable, table: tb}}
	if len(flags) == 0 {
		out = append(out, para("", c.t(pNoFlags)))
	} else {
		out = append(out, block{kind: bList, items: flags})
	}
	return append(out, para("note", c.tf(func(l Lang) string {
		name := co.Method
		if m, ok := corrNames[co.Method]; ok {
			name = m.in(l)
		}
		return pCoherenceNote.in(l, name)
	})))
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// pctWeight formats an effective weight as a percentage with two
// decimals: 0.125 -> "12.50%".
func pctWeight(w float64) string {
	if math.IsNaN(w) {
		return "–"
	}
	return strconv.FormatFloat(float64(100*w), 'f', 2, 64) + "%"
}

func (c *composer) verify() block {
	in := c.in
	s := block{kind: bSection, id: "verify", sub: []block{heading(2, c.t(hData))}}
	s.sub = append(s.sub, block{kind: bDownloads})
	if in.Fingerprint != "" {
		cmd := "ppgpa verify"
		if len(in.DataAttributes) > 0 {
			cmd += " -attr " + strings.Join(in.DataAttributes, ",")
		}
		cmd += " -expect \"" + in.Fingerprint + "\" model.json data.csv published.csv"
		s.sub = append(s.sub, heading(3, c.t(hVerify)), para("", c.t(pVerify)), block{kind: bCode, plain: cmd})
	}
	return s
}

// publishedCSV is the league table as the PUBLISHED file of ppgpa verify:
// unit, rank, score (two decimals, as shown) and grade.
func publishedCSV(in *Input) []byte {
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"unit", "rank", "score", "grade"})
	for _, u := range in.Units {
		_ = w.Write([]string{u.ID, rank(u.Rank), fixed(u.Score, 2), u.Grade})
	}
	w.Flush()
	return []byte(b.String())
}
