package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"os"
	"runtime"
	"time"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/indicator/tabular"
	"github.com/ppgpa/ppgpa/ranking"
)

// Request is the body of POST /score: the units to score and their values
// by column name (null or a missing column is a missing value), each unit
// a tabular.Record. Columns the model does not use are ignored.
type Request struct {
	Units []tabular.Record `json:"units"`
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
	// MaxBytes is the largest request body; 0 means 1 MiB. A larger body
	// is answered 413 without being read in full.
	MaxBytes int64
	// MaxUnits is the largest number of units in one request; 0 means
	// 10,000. More units are answered 400 as soon as they are read.
	MaxUnits int
	// Timeout bounds the wait for a free slot and the scoring of one
	// request; 0 means 10 seconds. Over it the answer is 503.
	Timeout time.Duration
	// BodyTimeout bounds the reading of one request body (a client that
	// sends it too slowly is answered 408 and its slot freed); 0 means 10
	// seconds.
	BodyTimeout time.Duration
	// MaxReading is the number of request bodies read at once (a slow
	// client holds one of these, not a scoring slot); others wait, up to
	// Timeout, and are answered 503. 0 means 64. With MaxBytes it bounds
	// the memory of bodies: at most MaxReading × MaxBytes.
	MaxReading int
	// MaxInFlight is the number of requests decoded and scored at once;
	// 0 means 4 × GOMAXPROCS.
	MaxInFlight int
	// Logger receives one structured record per request (method, path,
	// status, sizes, units, duration and the kind of error; never the
	// data nor the messages that quote it); nil means no logs.
	Logger *slog.Logger
}

// withDefaults returns o with its zero fields set to the defaults.
func (o Options) withDefaults() Options {
	if o.MaxBytes == 0 {
		o.MaxBytes = 1 << 20
	}
	if o.MaxUnits == 0 {
		o.MaxUnits = 10000
	}
	if o.Timeout == 0 {
		o.Timeout = 10 * time.Second
	}
	if o.BodyTimeout == 0 {
		o.BodyTimeout = 10 * time.Second
	}
	if o.MaxInFlight == 0 {
		o.MaxInFlight = 4 * runtime.GOMAXPROCS(0)
	}
	if o.MaxReading == 0 {
		o.MaxReading = 64
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// handler serves one compiled plan.
type handler struct {
	plan    *indicator.Plan
	model   *indicator.Model
	grading ranking.Grading
	parts   []string // ids of the root's children
	cols    []string // the columns the plan reads
	opt     Options
	reading chan struct{} // bodies being read or waiting for a slot
	slots   chan struct{} // requests being decoded and scored
	mux     *http.ServeMux
}

// NewHandler returns an http.Handler that scores JSON requests with plan:
//
//	POST /score   Request → Response; 400 with {"error": "..."} for bad input,
//	              413 for a body over Options.MaxBytes, 408 for a body not
//	              received within Options.BodyTimeout, 503 when busy or
//	              over Options.Timeout, 500 if the answer cannot be encoded
//	GET  /model   the model in the JSON model format
//	GET  /healthz {"status": "ok"}
//
// The plan is compiled once by the caller and shared by all requests: a
// Plan is immutable and safe for concurrent use. Memory is bounded by
// Options.MaxInFlight × (Options.MaxBytes + units × model columns): only
// the columns the model reads are kept from a request. NewHandler returns
// an error if the model's ranking section is invalid.
func NewHandler(plan *indicator.Plan, opt Options) (http.Handler, error) {
	opt = opt.withDefaults()
	if opt.MaxBytes < 0 || opt.MaxUnits < 0 || opt.Timeout < 0 || opt.BodyTimeout < 0 || opt.MaxInFlight < 0 || opt.MaxReading < 0 {
		return nil, errors.New("embed: negative option")
	}
	h := &handler{plan: plan, model: plan.Model(), cols: plan.Columns(), opt: opt, mux: http.NewServeMux(),
		reading: make(chan struct{}, opt.MaxReading), slots: make(chan struct{}, opt.MaxInFlight)}
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
	h.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	return h, nil
}

// ServeHTTP serves the request and logs its outcome.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	h.mux.ServeHTTP(rec, r)
	attrs := []slog.Attr{
		slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.Int("status", rec.status), slog.Int64("request_bytes", max(r.ContentLength, rec.read)),
		slog.Int("response_bytes", rec.written), slog.Duration("duration", time.Since(start)),
	}
	if rec.units > 0 {
		attrs = append(attrs, slog.Int("units", rec.units))
	}
	level := slog.LevelInfo
	if rec.kind != "" {
		attrs = append(attrs, slog.String("error", rec.kind))
		if rec.status >= 500 {
			level = slog.LevelWarn
		}
	}
	h.opt.Logger.LogAttrs(r.Context(), level, "request", attrs...)
}

// recorder keeps what the log says of a response.
type recorder struct {
	http.ResponseWriter
	status, written, units int
	read                   int64
	kind                   string // kind of error, for the log
}

func (r *recorder) WriteHeader(code int) { r.status = code; r.ResponseWriter.WriteHeader(code) }
func (r *recorder) Write(b []byte) (int, error) {
	n, err := r.ResponseWriter.Write(b)
	r.written += n
	return n, err
}

// Unwrap lets http.ResponseController reach the connection (deadlines).
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// modelJSON writes the model.
func (h *handler) modelJSON(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := h.model.Encode(&buf); err != nil {
		h.fail(w, http.StatusInternalServerError, "encode", fmt.Errorf("encoding the model: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(buf.Bytes())
}

// score reads a request, scores it and writes the response.
func (h *handler) score(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), h.opt.Timeout)
	defer cancel()
	if r.ContentLength > h.opt.MaxBytes {
		w.Header().Set("Connection", "close")
		h.fail(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Errorf("request body larger than %d bytes", h.opt.MaxBytes))
		return
	}
	// Two bounds: bodies in memory (reading) and requests being scored
	// (slots); a slow client holds the first only.
	if !h.acquire(ctx, w, h.reading) {
		return
	}
	defer func() { <-h.reading }()
	body, err := h.readBody(w, r)
	if err != nil {
		var tooLarge *http.MaxBytesError
		w.Header().Set("Connection", "close") // the rest of the body is not read
		switch {
		case errors.As(err, &tooLarge):
			h.fail(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Errorf("request body larger than %d bytes", tooLarge.Limit))
		case isTimeout(err):
			h.fail(w, http.StatusRequestTimeout, "body_timeout", fmt.Errorf("request body not received within %v", h.opt.BodyTimeout))
		default:
			h.fail(w, http.StatusBadRequest, "read", fmt.Errorf("reading request: %w", err))
		}
		return
	}
	if !h.acquire(ctx, w, h.slots) {
		return
	}
	defer func() { <-h.slots }()
	req, err := decodeRequest(body, h.cols, h.opt.MaxUnits)
	body = nil
	if err != nil {
		h.fail(w, http.StatusBadRequest, "decode", fmt.Errorf("decoding request: %w", err))
		return
	}
	if rec, ok := w.(*recorder); ok {
		rec.units = len(req.ids)
	}
	resp, err := h.evaluate(ctx, req)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		h.fail(w, http.StatusServiceUnavailable, "timeout", err)
		return
	case err != nil:
		h.fail(w, http.StatusBadRequest, "evaluate", err)
		return
	}
	// Encoded in full before anything is sent: an encoding error (a value
	// JSON cannot hold) is a 500 with a message, never a 200 with an
	// empty or truncated body.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(resp); err != nil {
		h.fail(w, http.StatusInternalServerError, "encode", fmt.Errorf("encoding the response: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(buf.Bytes())
}

// acquire takes a place in sem, or answers 503 when none is free within
// ctx and returns false.
func (h *handler) acquire(ctx context.Context, w http.ResponseWriter, sem chan struct{}) bool {
	select {
	case sem <- struct{}{}:
		return true
	case <-ctx.Done():
		w.Header().Set("Retry-After", "1")
		h.fail(w, http.StatusServiceUnavailable, "busy", errors.New("server busy: no free slot within the time limit, try again"))
		return false
	}
}

// isTimeout reports whether err is a read deadline passing.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// readBody reads the request body, at most MaxBytes, within BodyTimeout.
func (h *handler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	rc := http.NewResponseController(w)
	if err := rc.SetReadDeadline(time.Now().Add(h.opt.BodyTimeout)); err == nil {
		defer rc.SetReadDeadline(time.Time{})
	}
	n := h.opt.MaxBytes
	if r.ContentLength >= 0 && r.ContentLength < n {
		n = r.ContentLength
	}
	buf := bytes.NewBuffer(make([]byte, 0, n+1))
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, h.opt.MaxBytes))
	if rec, ok := w.(*recorder); ok {
		rec.read = int64(buf.Len())
	}
	return buf.Bytes(), err
}

// evaluate builds a table of the model's columns from the request and
// scores, ranks and grades it.
func (h *handler) evaluate(ctx context.Context, req *request) (*Response, error) {
	if len(req.ids) == 0 {
		return nil, errors.New("request has no units")
	}
	// The records become a table with tabular.FromRecords, with the
	// columns of the model only (those some unit gives: a column no unit
	// gives is reported missing by Evaluate, naming the indicator), so
	// the table is units × model columns whatever else the request held.
	recs := make([]tabular.Record, len(req.ids))
	for i, row := range req.data {
		vals := make(map[string]*float64, len(h.cols))
		for j, c := range h.cols {
			if req.present[j] {
				if v := row[j]; !math.IsNaN(v) {
					vals[c] = &row[j]
				} else {
					vals[c] = nil
				}
			}
		}
		recs[i] = tabular.Record{ID: req.ids[i], Values: vals}
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
	resp := &Response{Model: h.model.Name, Units: make([]ResponseUnit, len(req.ids))}
	for i, id := range req.ids {
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

// fail writes {"error": err} with the status code; kind names the error
// in the log, which does not quote the message (it can name units).
func (h *handler) fail(w http.ResponseWriter, code int, kind string, err error) {
	if rec, ok := w.(*recorder); ok {
		rec.kind = kind
	}
	writeJSON(w, code, map[string]string{"error": err.Error()})
}

// writeJSON writes v as JSON with the status code.
func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		code, b = http.StatusInternalServerError, []byte(`{"error":"encoding the response failed"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(append(b, '\n'))
}
