package main

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/ppgpa/ppgpa/survey"
)

// writeShares writes, for every assessed unit of set, the weighted
// percentage of its answers in each scored category of each item (only
// item, if not empty):
//
//	share_uk = 100 Weighted[u][k] / sum_k Weighted[u][k]
//
// from survey.AnswerSet.CategoryCounts, one column per item and category
// named ITEM_LABEL (LABEL without items), in the order of the scale; a
// unit without answers on an item has empty cells there. These are the
// grade shares of a fuzzy comprehensive evaluation (the leaves of a
// fuzzy group in a model), ready to be joined to a data table.
func writeShares(w io.Writer, set *survey.AnswerSet, item string) error {
	items := set.Items()
	if item != "" {
		items = []string{item}
	}
	if len(items) == 0 {
		items = []string{""}
	}
	units := set.Units()
	head := []string{"unit"}
	rows := make([][]string, len(units))
	for u := range rows {
		rows[u] = []string{units[u]}
	}
	for _, it := range items {
		cc, err := set.CategoryCounts(it)
		if err != nil {
			return err
		}
		for _, l := range cc.Labels {
			if it != "" {
				l = it + "_" + l
			}
			head = append(head, l)
		}
		for u, wk := range cc.Weighted {
			var sum float64
			for _, x := range wk {
				sum += x
			}
			for _, x := range wk {
				cell := ""
				if sum > 0 {
					cell = num(100 * (x / sum))
				}
				rows[u] = append(rows[u], cell)
			}
		}
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(head); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("writing shares: %w", err)
	}
	return nil
}
