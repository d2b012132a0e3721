package indicator

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/ppgpa/ppgpa/weighting"
)

// Overlay adapts a standard model to a locality, as cities adapt a
// provincial indicator system: it removes nodes, adds nodes and changes
// weights. [ApplyOverlay] applies it to a base model and returns the
// effective model, which can be printed or exported with [Model.Encode].
// Its JSON form has the same strictness rules as the model format.
//
// The steps run in this order: Remove, Add, Weights.
type Overlay struct {
	// Schema is the address of the overlay's JSON Schema (see
	// [OverlaySchema]); it is carried as written and has no other effect.
	Schema string `json:"$schema,omitempty"`
	// Version is the format version; it must be [Version].
	Version int `json:"ppgpa"`
	// Name, when set, replaces the base model's name.
	Name string `json:"name,omitempty"`
	// Description, when set, replaces the base model's description.
	Description string `json:"description,omitempty"`
	// Base, when set, must equal the base model's name.
	Base string `json:"base,omitempty"`
	// Remove lists the ids of nodes removed with their subtrees.
	Remove []string `json:"remove,omitempty"`
	// Add lists nodes (with their subtrees) to add.
	Add []OverlayAdd `json:"add,omitempty"`
	// Weights lists new declared weights of nodes.
	Weights []OverlayWeight `json:"weights,omitempty"`
}

// OverlayAdd adds Node as a child of the group Parent, after the child
// After (at the end when After is empty).
//
// The rule of the model format on declared weights (see [DecodeModel])
// extends to the added node and its new siblings: when the overlay is
// decoded from JSON and its node has no "weight" member (WeightMissing), while a sibling
// whose declared weight also counts has a non-zero weight, [ApplyOverlay]
// fails (unless the overlay's Weights step gives the node a weight);
// "weight": 0 declares a node that is shown but does not count. In Go, as
// for a [Node], a zero Weight is a declared 0 unless WeightMissing is set.
type OverlayAdd struct {
	Parent string `json:"parent"`
	After  string `json:"after,omitempty"`
	Node   *Node  `json:"node"`

	// WeightMissing reports that Node has no declared weight: [DecodeOverlay]
	// sets it when the JSON form of the node has no "weight" member. It is
	// not a member of the JSON form (the weight's absence is).
	WeightMissing bool `json:"-"`
}

// MarshalJSON encodes a as in the overlay format: the node's weight is
// written when it is declared, 0 included, so that decoding the output
// gives back a node that declares its weight.
func (a OverlayAdd) MarshalJSON() ([]byte, error) {
	j := struct {
		Parent string          `json:"parent"`
		After  string          `json:"after,omitempty"`
		Node   json.RawMessage `json:"node"`
	}{Parent: a.Parent, After: a.After, Node: json.RawMessage("null")}
	if a.Node != nil {
		b, err := marshalNode(a.Node, !a.WeightMissing)
		if err != nil {
			return nil, err
		}
		j.Node = b
	}
	return json.Marshal(j)
}

// OverlayWeight sets the declared weight of node ID. The weight must count:
// ID may not be the root nor a child of a group whose weighting scheme
// ignores declared weights (see [ApplyOverlay]).
type OverlayWeight struct {
	ID     string  `json:"id"`
	Weight float64 `json:"weight"`
}

// DecodeOverlay reads an overlay in JSON, strictly (see [DecodeModel]; the
// rule on declared weights applies within each added subtree).
func DecodeOverlay(r io.Reader) (*Overlay, error) {
	o := new(Overlay)
	doc, err := decodeStrictDoc(r, "overlay", o)
	if err != nil {
		return nil, err
	}
	if o.Version != Version {
		return nil, fmt.Errorf("%w: overlay: $.ppgpa: format version %d, want %d", ErrInvalidModel, o.Version, Version)
	}
	adds, _ := member(doc, "add").([]any)
	for i, a := range o.Add {
		if i < len(adds) {
			if node, ok := member(adds[i], "node").(map[string]any); ok {
				_, has := node["weight"]
				o.Add[i].WeightMissing = !has
			}
			if err := checkWeightsDeclared(a.Node, member(adds[i], "node"), fmt.Sprintf("$.add[%d].node", i)); err != nil {
				return nil, fmt.Errorf("%w: overlay: %v", ErrInvalidModel, err)
			}
		}
	}
	return o, nil
}

// Encode writes o as indented JSON; decoding the output gives an equal
// overlay.
func (o *Overlay) Encode(w io.Writer) error { return encodeJSON(w, o) }

// ApplyOverlay returns the effective model: a copy of base with the
// overlay applied, validated. base and o are not modified. It returns a
// *[ValidationError] listing every step that cannot be applied (an unknown
// id, a parent that is a leaf, removing the root, a base-name mismatch, a
// weight for the root or for a child of a group whose weighting scheme
// ignores declared weights (equal, AHP, budget, data-driven schemes, fixed
// weights given in the scheme, the resident child of resident_share; the
// error names the node, the group and the scheme); each named by its JSON
// path in the overlay, such as $.remove[1]; an added node without a
// weight among siblings that declare weights, see [OverlayAdd], is named
// as $.add[0].node) and, if all steps apply, every
// problem of the resulting model.
func ApplyOverlay(base *Model, o *Overlay) (*Model, error) {
	if base == nil || o == nil {
		return nil, &ValidationError{Problems: []Problem{{Path: "$", Msg: "nil model or overlay"}}}
	}
	m := base.Clone()
	var probs []Problem
	add := func(path, format string, args ...any) {
		probs = append(probs, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	if o.Version != Version {
		add("$.ppgpa", "overlay format version %d, want %d", o.Version, Version)
	}
	if o.Base != "" && o.Base != base.Name {
		add("$.base", "overlay is for model %q, not %q", o.Base, base.Name)
	}
	for k, id := range o.Remove {
		path := fmt.Sprintf("$.remove[%d]", k)
		if m.Root != nil && m.Root.ID == id {
			add(path, "cannot remove the root %q", id)
			continue
		}
		parent, j := findParent(m.Root, id)
		if parent == nil {
			add(path, "no node %q", id)
			continue
		}
		parent.Children = slices.Delete(parent.Children, j, j+1)
	}
	for k, a := range o.Add {
		path := fmt.Sprintf("$.add[%d]", k)
		parent := findNode(m.Root, a.Parent)
		switch {
		case a.Node == nil:
			add(path+".node", "missing")
		case parent == nil:
			add(path+".parent", "no node %q", a.Parent)
		case parent.IsLeaf():
			add(path+".parent", "node %q is a leaf", a.Parent)
		default:
			at := len(parent.Children)
			if a.After != "" {
				at = slices.IndexFunc(parent.Children, func(c *Node) bool { return c != nil && c.ID == a.After })
				if at < 0 {
					add(path+".after", "group %q has no child %q", a.Parent, a.After)
					continue
				}
				at++
			}
			parent.Children = slices.Insert(parent.Children, at, a.Node.Clone())
		}
	}
	weighted := map[string]bool{} // nodes given a weight by the Weights step
	for k, w := range o.Weights {
		path := fmt.Sprintf("$.weights[%d].id", k)
		n := findNode(m.Root, w.ID)
		if n == nil {
			add(path, "no node %q", w.ID)
			continue
		}
		if n == m.Root {
			add(path, "node %q is the root, which has no siblings to be weighted against", w.ID)
			continue
		}
		parent, _ := findParent(m.Root, w.ID)
		if scheme, ok := ignoresDeclared(parent.Weighting, w.ID); ok {
			add(path, "node %q: group %q weights its children by %q, which ignores declared weights; change the group's weighting instead", w.ID, parent.ID, scheme)
			continue
		}
		n.Weight = w.Weight
		weighted[w.ID] = true
	}
	if len(probs) == 0 {
		for k, a := range o.Add {
			if a.WeightMissing && a.Node != nil && a.Node.Weight == 0 && !weighted[a.Node.ID] {
				if msg := missingWeight(findNode(m.Root, a.Parent), a.Node.ID); msg != "" {
					add(fmt.Sprintf("$.add[%d].node", k), "%s", msg)
				}
			}
		}
	}
	if len(probs) > 0 {
		return nil, &ValidationError{Problems: probs}
	}
	if o.Name != "" {
		m.Name = o.Name
	}
	if o.Description != "" {
		m.Description = o.Description
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// missingWeight describes why the child id of parent, added without a
// weight, breaks the declared-weights rule: a sibling whose declared weight
// also counts has a non-zero weight. It returns "" when the rule holds.
func missingWeight(parent *Node, id string) string {
	if parent == nil {
		return ""
	}
	j := slices.IndexFunc(parent.Children, func(c *Node) bool { return c != nil && c.ID == id })
	declared := declaredWeights(parent)
	if j < 0 || !declared[j] {
		return ""
	}
	for i, c := range parent.Children {
		if i != j && declared[i] && c != nil && c.Weight != 0 {
			return fmt.Sprintf("node %q added to group %q has no weight while its sibling %q declares %v (declare the node's weight, 0 for a node that is shown but does not count, or set it in weights)",
				id, parent.ID, c.ID, c.Weight)
		}
	}
	return ""
}

// ignoresDeclared reports whether the weighting spec of a group ignores
// the declared weight of its child id, and names the scheme that does:
// fixed weights given in the spec, equal weights, AHP, budget and the
// data-driven schemes ignore every declared weight; resident_share ignores
// the resident child's (it gets the share) and weights the others by its
// rest scheme (declared weights when none).
func ignoresDeclared(s *weighting.Spec, id string) (string, bool) {
	if s == nil {
		return "", false
	}
	switch s.Method {
	case "", "fixed":
		return "fixed with its own weights", s.Weights != nil
	case "resident_share":
		if id == s.Resident {
			return "resident_share (the resident child gets the share)", true
		}
		if r, ok := ignoresDeclared(s.Rest, id); ok {
			return "resident_share with rest " + r, true
		}
		return "", false
	}
	return s.Method, true
}

// findNode returns the node with the given id in the subtree of n.
func findNode(n *Node, id string) *Node {
	if n == nil {
		return nil
	}
	if n.ID == id {
		return n
	}
	for _, c := range n.Children {
		if f := findNode(c, id); f != nil {
			return f
		}
	}
	return nil
}

// findParent returns the parent of the node with the given id in the
// subtree of n, and its position among the parent's children.
func findParent(n *Node, id string) (*Node, int) {
	if n == nil {
		return nil, -1
	}
	for j, c := range n.Children {
		if c != nil && c.ID == id {
			return n, j
		}
		if p, k := findParent(c, id); p != nil {
			return p, k
		}
	}
	return nil, -1
}
