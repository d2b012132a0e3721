package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ppgpa/ppgpa/examples/extest"
	"github.com/ppgpa/ppgpa/indicator"
)

// newServer starts a test server with the embedded model.
func newTestServer(t *testing.T, opt Options) *httptest.Server {
	t.Helper()
	m, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(plan, opt)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// post sends body to /score and returns the status and the response body.
func post(t *testing.T, srv *httptest.Server, body string) (int, []byte) {
	t.Helper()
	resp, err := http.Post(srv.URL+"/score", "application/json", strings.NewReader(body))
	if err != nil {
		t.Error(err)
		return 0, nil
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Error(err)
	}
	return resp.StatusCode, b
}

// TestGolden scores testdata/request.json and compares the response with
// testdata/embed.golden (rewrite it with -update).
func TestGolden(t *testing.T) {
	srv := newTestServer(t, Options{})
	req, err := os.ReadFile(filepath.Join("testdata", "request.json"))
	if err != nil {
		t.Fatal(err)
	}
	code, got := post(t, srv, string(req))
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, got)
	}
	extest.Golden(t, "embed", got)
}

// TestConcurrent sends many different requests at once and checks each
// answer against the same request sent alone.
func TestConcurrent(t *testing.T) {
	srv := newTestServer(t, Options{})
	const n = 32
	bodies := make([]string, n)
	for i := range bodies {
		var units []string
		for j := 0; j < 3+i%4; j++ {
			units = append(units, fmt.Sprintf(`{"id":"u%d","values":{"online_pct":%d,"wait_minutes":%d,"complaints_per_10k":%d,"satisfaction":%d,"innovations":%d,"major_incident":0}}`,
				j, 60+(i*7+j*11)%40, 5+(i+j*13)%50, (i*3+j)%15, 70+(i+j*5)%25, j%3))
		}
		bodies[i] = `{"units":[` + strings.Join(units, ",") + `]}`
	}
	want := make([][]byte, n)
	for i, b := range bodies {
		_, want[i] = post(t, srv, b)
	}
	var wg sync.WaitGroup
	for r := 0; r < 4; r++ {
		for i, b := range bodies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				code, got := post(t, srv, b)
				if code != http.StatusOK || !bytes.Equal(got, want[i]) {
					t.Errorf("request %d: status %d, body differs from the sequential answer:\n%s", i, code, got)
				}
			}()
		}
	}
	wg.Wait()
}

// TestBadInput checks the status and the error message of bad requests.
func TestBadInput(t *testing.T) {
	srv := newTestServer(t, Options{MaxBytes: 2000, MaxUnits: 3})
	unit := `{"id":"a","values":{"online_pct":90,"wait_minutes":10,"complaints_per_10k":1,"satisfaction":88}}`
	for _, tc := range []struct {
		name, body string
		code       int
		msg        string
	}{
		{"not JSON", `{"units": [`, 400, "decoding request"},
		{"unknown field", `{"unit": []}`, 400, `unknown field "unit"`},
		{"trailing data", `{"units":[` + unit + `]} {}`, 400, "data after"},
		{"no units", `{"units": []}`, 400, "no units"},
		{"too many units", `{"units":[` + strings.Repeat(unit+",", 3) + unit + `]}`, 400, "at most 3"},
		{"missing column", `{"units":[{"id":"a","values":{"online_pct":90}}]}`, 400, "wait_minutes"},
		{"missing value", `{"units":[{"id":"a","values":{"online_pct":null,"wait_minutes":10,"complaints_per_10k":1,"satisfaction":88}}]}`, 400, "missing value"},
		{"duplicate unit", `{"units":[` + unit + "," + unit + `]}`, 400, "duplicate"},
		{"too large", `{"units":[` + strings.Repeat(" ", 3000) + `]}`, 413, "larger than 2000 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := post(t, srv, tc.body)
			var e struct{ Error string }
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("body is not a JSON error: %s", body)
			}
			if code != tc.code || !strings.Contains(e.Error, tc.msg) {
				t.Errorf("got %d %q, want %d and a message containing %q", code, e.Error, tc.code, tc.msg)
			}
		})
	}
	resp, err := http.Get(srv.URL + "/score")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /score: status %d, want 405", resp.StatusCode)
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestRun starts the service on a free port, fetches the model and stops it
// by cancelling the context.
func TestRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, &stdout, &stderr) }()
	var url string
	for deadline := time.Now().Add(5 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if out := stdout.String(); strings.Contains(out, "http://") {
			url = strings.Fields(out[strings.Index(out, "http://"):])[0]
		}
	}
	if url == "" {
		cancel()
		t.Fatalf("service did not start; stderr:\n%s", stderr.String())
	}
	resp, err := http.Get(url + "/model")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if _, err := indicator.DecodeModel(bytes.NewReader(b)); err != nil {
		t.Errorf("GET /model: %v", err)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("run() = %d, want 0; stderr:\n%s", code, stderr.String())
	}
}

// TestFlags checks the exit codes of -h and bad flags.
func TestFlags(t *testing.T) {
	extest.ExitCodes(t, run, map[string]int{
		"-h":                                0,
		"-bogus":                            2,
		"-max-bytes 0":                      2,
		"-model testdata/no-such-file.json": 1,
	})
}
