package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/indicator/tabular"
	"github.com/ppgpa/ppgpa/ranking"
)

// Request is the body of POST /score: the units to score and their values
// by column name (null or a missing column is a missing value).
type Request struct {
	Units []RequestUnit `json:"units"`
}

// RequestUnit is one unit of a request.
type RequestUnit struct {
	ID     string              `json:"id"`
	Values map[string]*float64 `json:"values"`
}

// Response is the body of a successful POST /score, units in request
// order.
type Response struct {
	Model string         `json:"model"`
	Units []ResponseUnit `json:"units"`
}

// ResponseUnit is one unit's result: its score, rank among the units of
// the request, grade (if the model grades), veto flag and the points each
// top-level part of the model contributes.
type ResponseUnit struct {
	ID           string             `json:"id"`
	Score        float64            `json:"score"`
	Rank         float64            `json:"rank"`
	Grade        string             `json:"grade,omitempty"`
	Vetoed       bool               `json:"vetoed"`
	Contribution map[string]float64 `json:"contribution"`
}

// Options configure the handler. The zero value means the defaults.
type Options struct {
	// MaxBytes is the largest request body; 0 means 1 MiB.
	MaxBytes int64
	// MaxUnits is the largest number of units in one request; 0 means
	// 10,000.
	MaxUnits int
	// Timeout bounds the scoring of one request; 0 means 10 seconds.
	Timeout time.Duration
}

// handler serves one compiled plan.
type handler struct {
	plan    *indicator.Plan
	model   *indicator.Model
	grading ranking.Grading
	parts   []string // ids of the root's children
	opt     Options
	mux     *http.ServeMux
}

// NewHandler returns an http.Handler that scores JSON requests with plan:
//
//	POST /score   Request → Response; 400 with {"error": "..."} for bad input,
//	              413 for a body over Options.MaxBytes
//	GET  /model   the model in the JSON model format
//
// The plan is compiled once by the caller and shared by all requests: a
// Plan is immutable and safe for concurrent use. NewHandler returns an
// error if the model's ranking section is invalid.
func NewHandler(plan *indicator.Plan, opt Options) (http.Handler, error) {
	if opt.MaxBytes == 0 {
		opt.MaxBytes = 1 << 20
	}
	if opt.MaxUnits == 0 {
		opt.MaxUnits = 10000
	}
	if opt.Timeout == 0 {
		opt.Timeout = 10 * time.Second
	}
	h := &handler{plan: plan, model: plan.Model(), opt: opt, mux: http.NewServeMux()}
	g, err := ranking.FromSpec(h.model.Ranking)
	if err != nil {
		return nil, err
	}
	h.grading = g
	for _, c := range h.model.Root.Children {
		h.parts = append(h.parts, c.ID)
	}
	h.mux.HandleFunc("POST /score", h.score)
	h.mux.HandleFunc("GET /model", h.modelJSON)
	return h, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

// modelJSON writes the model.
func (h *handler) modelJSON(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	h.model.Encode(w)
}

// score decodes a request, scores it and writes the response.
func (h *handler) score(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), h.opt.Timeout)
	defer cancel()
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, h.opt.MaxBytes))
	dec.DisallowUnknownFields()
	var req Request
	if err := dec.Decode(&req); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			fail(w, http.StatusRequestEntityTooLarge, fmt.Errorf("request body larger than %d bytes", tooLarge.Limit))
			return
		}
		fail(w, http.StatusBadRequest, fmt.Errorf("decoding request: %w", err))
		return
	}
	if _, err := dec.Token(); err != io.EOF {
		fail(w, http.StatusBadRequest, errors.New("decoding request: data after the JSON object"))
		return
	}
	resp, err := h.evaluate(ctx, &req)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		fail(w, http.StatusServiceUnavailable, err)
	case err != nil:
		fail(w, http.StatusBadRequest, err)
	default:
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(resp)
	}
}

// evaluate builds a table from the request and scores, ranks and grades it.
func (h *handler) evaluate(ctx context.Context, req *Request) (*Response, error) {
	if len(req.Units) == 0 {
		return nil, errors.New("request has no units")
	}
	if len(req.Units) > h.opt.MaxUnits {
		return nil, fmt.Errorf("request has %d units, at most %d allowed", len(req.Units), h.opt.MaxUnits)
	}
	// The records become a table with tabular.FromRecords: every name
	// used is a column, in sorted order; absent and null are missing.
	recs := make([]tabular.Record, len(req.Units))
	ids := make([]string, len(req.Units))
	for i, u := range req.Units {
		recs[i] = tabular.Record{ID: u.ID, Values: u.Values}
		ids[i] = u.ID
	}
	t, err := tabular.FromRecords(recs)
	if err != nil {
		return nil, err
	}
	res, err := h.plan.Evaluate(ctx, t)
	if err != nil {
		return nil, err
	}
	g, err := ranking.Grade(res.Score, res.Vetoed, res.Units, h.grading)
	if err != nil {
		return nil, err
	}
	resp := &Response{Model: h.model.Name, Units: make([]ResponseUnit, len(ids))}
	for i, id := range ids {
		ru := ResponseUnit{ID: id, Score: res.Score[i], Rank: g.Rank[i], Grade: g.Name[i], Vetoed: res.Vetoed[i],
			Contribution: map[string]float64{}}
		for _, p := range h.parts {
			n, _ := res.Node(p)
			ru.Contribution[p] = n.Contribution[i]
		}
		resp.Units[i] = ru
	}
	return resp, nil
}

// fail writes {"error": err} with the status code.
func fail(w http.ResponseWriter, code int, err error) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
}
