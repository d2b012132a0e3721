// Command embed is a small web service that scores JSON requests with an
// assessment model, to show how an e-government system embeds the library:
// the model (model.json) is compiled once at start-up and the compiled plan
// serves every request concurrently.
//
//	go run ./examples/embed                    # listens on 127.0.0.1:8080
//	curl -s --data @examples/embed/testdata/request.json http://127.0.0.1:8080/score
//	curl -s http://127.0.0.1:8080/model
package main

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/ppgpa/ppgpa/examples/excli"
	"github.com/ppgpa/ppgpa/indicator"
)

//go:embed model.json
var modelJSON []byte

func main() {
	// Ctrl-C, or SIGTERM from a service manager or a container runtime:
	// stop accepting, finish the requests in flight, exit 0.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run parses args, compiles the model and serves until ctx is cancelled.
// It returns the exit code: 0 after a clean shutdown (and for -h), 2 for
// bad flags, 1 otherwise.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := excli.Flags("embed", "Serves POST /score (JSON units → scores, ranks, grades) and GET /model.", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	modelFile := fs.String("model", "", "model file (default: the embedded model.json)")
	var opt Options
	fs.Int64Var(&opt.MaxBytes, "max-bytes", 1<<20, "largest request body in bytes")
	fs.IntVar(&opt.MaxUnits, "max-units", 10000, "largest number of units per request")
	fs.DurationVar(&opt.Timeout, "timeout", 10*time.Second, "time limit for waiting for a slot and scoring one request")
	fs.DurationVar(&opt.BodyTimeout, "body-timeout", 10*time.Second, "time limit for receiving one request body")
	fs.IntVar(&opt.MaxInFlight, "max-inflight", 4*runtime.GOMAXPROCS(0), "requests decoded and scored at once")
	fs.IntVar(&opt.MaxReading, "max-reading", 64, "request bodies held at once (with -max-bytes, bounds their memory)")
	valid := func() bool {
		return opt.MaxBytes > 0 && opt.MaxUnits > 0 && opt.Timeout > 0 && opt.BodyTimeout > 0 && opt.MaxInFlight > 0 && opt.MaxReading > 0
	}
	if code, ok := excli.Parse(fs, args, stdout, valid, "-max-bytes, -max-units, -timeout, -body-timeout, -max-inflight and -max-reading must be positive; no arguments"); !ok {
		return code
	}
	// One JSON record per request on standard error (no request data).
	opt.Logger = slog.New(slog.NewJSONHandler(stderr, nil))
	if err := serve(ctx, *addr, *modelFile, opt, stdout); err != nil {
		fmt.Fprintf(stderr, "embed: %v\n", err)
		return 1
	}
	return 0
}

// serve compiles the model, listens on addr and serves until ctx is done.
func serve(ctx context.Context, addr, modelFile string, opt Options, stdout io.Writer) error {
	src := modelJSON
	if modelFile != "" {
		b, err := os.ReadFile(modelFile)
		if err != nil {
			return err
		}
		src = b
	}
	model, err := indicator.DecodeModel(bytes.NewReader(src))
	if err != nil {
		return err
	}
	plan, err := indicator.Compile(model) // once; shared by every request
	if err != nil {
		return err
	}
	h, err := NewHandler(plan, opt)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := newServer(h, opt)
	fmt.Fprintf(stdout, "scoring with %q on http://%s (POST /score, GET /model)\n", model.Name, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newServer returns the HTTP server of handler h: every phase of a
// connection has a time limit, so that slow or idle clients cannot hold
// connections (and memory) for ever.
//
//   - ReadHeaderTimeout 5 s for the request line and headers (at most
//     64 KiB of them);
//   - ReadTimeout for the whole request: the body's own limit
//     (Options.BodyTimeout, enforced by the handler) plus the wait for a
//     slot (Options.Timeout) and a margin;
//   - WriteTimeout: the scoring time limit plus the body's and a margin;
//   - IdleTimeout 30 s for a kept-alive connection between requests.
func newServer(h http.Handler, opt Options) *http.Server {
	opt = opt.withDefaults()
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       opt.BodyTimeout + opt.Timeout + 5*time.Second,
		WriteTimeout:      opt.BodyTimeout + 2*opt.Timeout + 10*time.Second,
		IdleTimeout:       30 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(opt.Logger.Handler(), slog.LevelWarn),
	}
}
