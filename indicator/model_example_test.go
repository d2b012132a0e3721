package indicator_test

import (
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/ppgpa/ppgpa/indicator"
)

func ExampleDecodeModel() {
	doc := `{
  "ppgpa": 1,
  "name": "demo",
  "root": {
    "id": "total",
    "aggregation": {"method": "geometric"},
    "children": [
      {"id": "service", "weight": 2, "column": "service",
       "normalization": {"method": "minmax", "worst": 0, "best": 100}},
      {"id": "complaints", "weight": 1, "column": "complaints", "polarity": "lower",
       "normalization": {"method": "target", "target": 5}}
    ]
  }
}`
	m, err := indicator.DecodeModel(strings.NewReader(doc))
	if err != nil {
		log.Fatal(err)
	}
	if err := m.Validate(); err != nil {
		log.Fatal(err)
	}
	if err := m.Encode(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// {
	//   "ppgpa": 1,
	//   "name": "demo",
	//   "root": {
	//     "id": "total",
	//     "aggregation": {
	//       "method": "geometric"
	//     },
	//     "children": [
	//       {
	//         "id": "service",
	//         "weight": 2,
	//         "column": "service",
	//         "normalization": {
	//           "method": "minmax",
	//           "worst": 0,
	//           "best": 100
	//         }
	//       },
	//       {
	//         "id": "complaints",
	//         "polarity": "lower",
	//         "weight": 1,
	//         "column": "complaints",
	//         "normalization": {
	//           "method": "target",
	//           "target": 5
	//         }
	//       }
	//     ]
	//   }
	// }
}

// Validation reports every problem at once, each with the node's path.
func ExampleModel_Validate() {
	m := &indicator.Model{Version: 1, Name: "bad", Root: &indicator.Node{ID: "total", Children: []*indicator.Node{
		{ID: "a", Weight: 1},
		{ID: "a", Weight: -2, Column: "x", Normalization: &indicator.Normalization{Method: "logistic"}},
	}}}
	fmt.Println(m.Validate())
	// Output:
	// indicator: invalid model: 4 problems
	// 	total/a: leaf has no column
	// 	total/a: duplicate id "a" (first used at total/a)
	// 	total/a: weight -2 must be finite and non-negative
	// 	total/a: normalization: unknown method "logistic"
}

// A city adapts the provincial model: it drops one indicator, adds its
// own and changes a weight.
func ExampleApplyOverlay() {
	base := &indicator.Model{Version: 1, Name: "province", Root: &indicator.Node{ID: "total", Children: []*indicator.Node{
		{ID: "a", Weight: 1, Column: "a"}, {ID: "b", Weight: 1, Column: "b"},
	}}}
	o, err := indicator.DecodeOverlay(strings.NewReader(`{"ppgpa": 1, "name": "city",
		"remove": ["b"],
		"add": [{"parent": "total", "node": {"id": "c", "name": "营商环境", "weight": 2, "column": "c"}}],
		"weights": [{"id": "a", "weight": 3}]}`))
	if err != nil {
		log.Fatal(err)
	}
	m, err := indicator.ApplyOverlay(base, o)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range m.Root.Children {
		fmt.Println(c.ID, c.Name, c.Weight)
	}
	// Output:
	// a  3
	// c 营商环境 2
}
