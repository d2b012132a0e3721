package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestSlowBody: a body sent slower than Options.BodyTimeout is answered
// 408 (the service had no body timeout: 20 slow connections were still
// open after 60 s).
func TestSlowBody(t *testing.T) {
	m, _ := indicator.DecodeModel(bytes.NewReader(modelJSON))
	plan, _ := indicator.Compile(m)
	opt := Options{BodyTimeout: 200 * time.Millisecond}
	h, err := NewHandler(plan, opt)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(h, opt)
	go srv.Serve(ln)
	defer srv.Close()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"units":[{"id":"a","values":{"online_pct":90}}]}`
	fmt.Fprintf(conn, "POST /score HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:10])
	time.Sleep(500 * time.Millisecond)
	conn.Write([]byte(body[10:]))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestTimeout {
		t.Errorf("status %d %s, want 408", resp.StatusCode, b)
	}
}

// TestHealthAndLogs: GET /healthz answers, and the request log records
// the outcome of each request without its data (unit ids, values, error
// messages that quote them).
func TestHealthAndLogs(t *testing.T) {
	m, _ := indicator.DecodeModel(bytes.NewReader(modelJSON))
	plan, _ := indicator.Compile(m)
	var logs syncBuffer
	h, err := NewHandler(plan, Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"ok"`) {
		t.Errorf("healthz: %d %s", resp.StatusCode, b)
	}
	for _, body := range []string{
		`{"units":[{"id":"秘密单位","values":{"online_pct":90}}]}`,
		`{"units":[{"id":"秘密单位","values":{"online_pct":90,"wait_minutes":10,"complaints_per_10k":1,"satisfaction":88,"innovations":0,"major_incident":0}}]}`,
	} {
		resp, err := http.Post(srv.URL+"/score", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	out := logs.String()
	if strings.Count(out, `"msg":"request"`) != 3 || !strings.Contains(out, `"status":400`) || !strings.Contains(out, `"status":200`) || !strings.Contains(out, `"error":"evaluate"`) {
		t.Errorf("logs:\n%s", out)
	}
	if strings.Contains(out, "秘密") || strings.Contains(out, "online_pct") {
		t.Errorf("the logs quote the data:\n%s", out)
	}
}
