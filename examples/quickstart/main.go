// Command quickstart scores eight districts with a small but complete
// assessment model (model.json) on bundled data (data.csv) and prints
// them ranked: normalisation, weights, aggregation, an innovation bonus,
// incident penalties and a one-vote veto.
//
//	go run ./examples/quickstart
package main

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io"
	"log"
	"os"
	"sort"

	"github.com/ppgpa/ppgpa/examples/excli"
	"github.com/ppgpa/ppgpa/indicator"
)

//go:embed model.json
var modelJSON []byte

//go:embed data.csv
var dataCSV []byte

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(w io.Writer) error {
	model, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		return err
	}
	plan, err := indicator.Compile(model)
	if err != nil {
		return err
	}
	table, err := indicator.ReadCSV(bytes.NewReader(dataCSV), indicator.CSVOptions{})
	if err != nil {
		return err
	}
	res, err := plan.Evaluate(context.Background(), table)
	if err != nil {
		return err
	}
	root := &res.Nodes[0]
	parts := []string{"service", "efficiency", "satisfaction"}

	// Rank by score, highest first, vetoed units last (a one-vote veto
	// sends a unit to the bottom whatever its score); equal scores keep
	// table order.
	order := make([]int, len(res.Units))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ua, ub := order[a], order[b]
		if res.Vetoed[ua] != res.Vetoed[ub] {
			return !res.Vetoed[ua]
		}
		return res.Score[ua] > res.Score[ub]
	})

	fmt.Fprintf(w, "%s\n\n", model.Name)
	fmt.Fprintf(w, "%4s  %s %7s %7s %7s %7s %7s  %s\n", "rank", excli.Pad("unit", 8), "service", "effic.", "satisf.", "adjust", "score", "note")
	for r, u := range order {
		fmt.Fprintf(w, "%4d  %s", r+1, excli.Pad(res.Units[u], 8))
		for _, id := range parts {
			n, _ := res.Node(id)
			fmt.Fprintf(w, " %7.2f", n.Contribution[u])
		}
		note := ""
		if res.Vetoed[u] {
			note = "vetoed (一票否决): ranked last"
		}
		fmt.Fprintf(w, " %+7.2f %7.2f  %s\n", root.Adjustment[u], res.Score[u], note)
	}
	fmt.Fprintf(w, "\nColumns service, effic. and satisf. are points contributed to the score.\nEffective indicator weights:\n")
	for _, iw := range res.Weights {
		fmt.Fprintf(w, "  %s %.4f\n", excli.Pad(iw.Path, 36), iw.Weight)
	}
	return nil
}
