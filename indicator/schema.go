package indicator

import (
	"bytes"
	_ "embed"
)

// The JSON Schemas (draft 2020-12) of the model and overlay formats. They
// are generated from the decoder's own types and the model-format
// reference (docs/model-format.md), and a test fails when they drift
// apart (see format_doc_test.go).
var (
	//go:embed model.schema.json
	modelSchema []byte
	//go:embed overlay.schema.json
	overlaySchema []byte
)

// ModelSchema returns the JSON Schema (draft 2020-12) of the model file
// format. Editors that read JSON Schema use it to check a model file and
// complete its members; a model file names it with its "$schema" member.
// The schema checks what a schema can express (member names, types,
// allowed values, ranges and which members each method takes); [DecodeModel],
// [Model.Validate] and [Compile] check the rest (weights declared on all
// siblings or none, references between nodes, the tree's structure).
// The command `ppgpa schema` prints it.
func ModelSchema() []byte { return bytes.Clone(modelSchema) }

// OverlaySchema returns the JSON Schema (draft 2020-12) of the overlay
// format (see [Overlay]); `ppgpa schema -overlay` prints it.
func OverlaySchema() []byte { return bytes.Clone(overlaySchema) }
