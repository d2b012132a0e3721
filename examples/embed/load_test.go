package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestLoad runs the service as main.go does (newServer on 127.0.0.1, the
// handler's limits) and sends it a fixed number of requests at a fixed
// concurrency, then stops: ordinary requests mixed with bodies of many
// distinct column names near the size limit, oversized bodies, bodies
// sent too slowly, and malformed ones. Every request must get its
// expected answer, the heap must stay under a fixed bound, and no
// goroutine may be left behind. The count is 2,000 requests at 200
// concurrent clients by default; PPGPA_LOAD_REQUESTS sets another count
// (the acceptance run is 20,000).
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	total := 1000
	if s := os.Getenv("PPGPA_LOAD_REQUESTS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			t.Fatalf("PPGPA_LOAD_REQUESTS=%q", s)
		}
		total = n
	}
	const concurrency = 200
	const heapBound = 384 << 20
	baseGoroutines := runtime.NumGoroutine()

	m, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{BodyTimeout: 2 * time.Second, Timeout: 120 * time.Second}
	h, err := NewHandler(plan, opt)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(h, opt)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	addr := ln.Addr().String()
	url := "http://" + addr + "/score"

	normal := func(i int) []byte {
		var units []string
		for j := 0; j < 3+i%6; j++ {
			units = append(units, fmt.Sprintf(`{"id":"u%d","values":{"online_pct":%d,"wait_minutes":%d,"complaints_per_10k":%d,"satisfaction":%d,"innovations":%d,"major_incident":0}}`,
				j, 60+(i*7+j*11)%40, 5+(i+j*13)%50, (i*3+j)%15, 70+(i+j*5)%25, j%3))
		}
		return []byte(`{"units":[` + strings.Join(units, ",") + `]}`)
	}
	// Many distinct column names (300 KB, 200 per unit): the request
	// that built a units × union-of-columns matrix (648 MB for 260 KB).
	var wide bytes.Buffer
	wide.WriteString(`{"units":[`)
	for u := 0; wide.Len() < 300_000; u++ {
		if u > 0 {
			wide.WriteByte(',')
		}
		fmt.Fprintf(&wide, `{"id":"w%d","values":{"online_pct":%d,"wait_minutes":10,"complaints_per_10k":2,"satisfaction":80,"innovations":1,"major_incident":0`, u, 50+u%50)
		for c := 0; c < 200; c++ {
			fmt.Fprintf(&wide, `,"x%d_%d":1`, u, c)
		}
		wide.WriteString(`}}`)
	}
	wide.WriteString(`]}`)
	oversized := bytes.Repeat([]byte(" "), 2<<20)
	malformed := [][]byte{[]byte(`{"units": [`), []byte("{\"units\":[{\"id\":\"\xc4\xd0\",\"values\":{}}]}"),
		[]byte(`{"units":[{"id":"a","values":{"online_pct":1,"online_pct":2}}]}`), []byte(`{"units":[{"id":"a","values":{"online_pct":1e999}}]}`)}

	client := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: concurrency, MaxConnsPerHost: concurrency, DialContext: (&net.Dialer{}).DialContext},
		Timeout:   60 * time.Second,
	}
	defer client.CloseIdleConnections()

	// The heap is sampled while the requests run.
	var peak atomic.Uint64
	stopSampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stopSampling:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()

	var counts sync.Map // kind/status -> *atomic.Int64
	count := func(key string) {
		v, _ := counts.LoadOrStore(key, new(atomic.Int64))
		v.(*atomic.Int64).Add(1)
	}
	var failures, transportErrors atomic.Int64
	failf := func(format string, a ...any) {
		if failures.Add(1) <= 10 {
			t.Errorf(format, a...)
		}
	}
	post := func(body io.Reader, n int64) (int, string, error) {
		req, err := http.NewRequest("POST", url, body)
		if err != nil {
			return 0, "", err
		}
		req.ContentLength = n
		resp, err := client.Do(req)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), err
	}
	start := time.Now()
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				switch k := i % 100; {
				case k < 86:
					code, body, err := post(bytes.NewReader(normal(i)), -1)
					count(fmt.Sprintf("normal %d", code))
					if err != nil && transportErrors.Add(1) <= int64(total/200) {
						// A POST is not retried on a connection the
						// server closed (after an oversized body) as
						// the client reused it: tolerated, rarely.
						continue
					}
					if err != nil || code != 200 || !strings.Contains(body, `"score"`) {
						failf("normal request %d: %d %v %.200s", i, code, err, body)
					}
				case k < 89:
					code, body, err := post(bytes.NewReader(wide.Bytes()), int64(wide.Len()))
					count(fmt.Sprintf("wide %d", code))
					if err != nil || code != 200 {
						failf("many-column request %d: %d %v %.200s", i, code, err, body)
					}
				case k < 93:
					// Declared too large: 413 without reading; sent
					// chunked: 413 once 1 MiB has been read. The client
					// may see the connection closed while it still sends.
					n := int64(len(oversized))
					if k%2 == 0 {
						n = -1
					}
					code, body, err := post(bytes.NewReader(oversized), n)
					count(fmt.Sprintf("oversized %d", code))
					if err == nil && code != 408 && (code != 413 || !strings.Contains(body, "larger than")) {
						failf("oversized request %d: %d %.200s", i, code, body)
					}
				case k < 96:
					// 408, or the connection closed; or, when the
					// request waited for a reading slot longer than
					// the pause, its body arrived in time and is
					// answered (400: the body lacks columns).
					code := slowBody(addr, 2500*time.Millisecond)
					count(fmt.Sprintf("slow %d", code))
					if code != 408 && code != -1 && code != 400 {
						failf("slow request %d: status %d, want 408, 400 or the connection closed", i, code)
					}
				default:
					body := malformed[i%len(malformed)]
					code, resp, err := post(bytes.NewReader(body), int64(len(body)))
					count(fmt.Sprintf("malformed %d", code))
					if err != nil || code != 400 || !strings.Contains(resp, `"error"`) {
						failf("malformed request %d: %d %v %.200s", i, code, err, resp)
					}
				}
			}
		}()
	}
	for i := range total {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	close(stopSampling)
	<-sampled

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if err := <-served; err != http.ErrServerClosed {
		t.Errorf("serve: %v", err)
	}
	client.CloseIdleConnections()

	var summary []string
	counts.Range(func(k, v any) bool {
		summary = append(summary, fmt.Sprintf("%s: %d", k, v.(*atomic.Int64).Load()))
		return true
	})
	t.Logf("%d requests at %d concurrent clients in %v (%.0f/s); peak heap %.1f MiB (bound %d MiB); %s",
		total, concurrency, elapsed.Round(time.Millisecond), float64(total)/elapsed.Seconds(), float64(peak.Load())/(1<<20), heapBound>>20, strings.Join(summary, ", "))
	if p := peak.Load(); p > heapBound {
		t.Errorf("peak heap %d MiB over the bound %d MiB", p>>20, heapBound>>20)
	}
	// Every goroutine of the server and the clients ends.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > baseGoroutines+2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > baseGoroutines+2 {
		t.Errorf("%d goroutines left (%d before)", n, baseGoroutines)
	}
}

// slowBody sends a request whose body comes slower than the handler's
// body time limit (a part, then a pause of wait) and returns the status
// of the answer, or -1 if the server closed the connection.
func slowBody(addr string, wait time.Duration) int {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return 0
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	body := `{"units":[{"id":"a","values":{"online_pct":90}}]}`
	fmt.Fprintf(conn, "POST /score HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", addr, len(body), body[:10])
	time.Sleep(wait)
	conn.Write([]byte(body[10:])) // may fail: the server has answered
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return -1
	}
	resp.Body.Close()
	return resp.StatusCode
}
