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
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/ppgpa/ppgpa/examples/excli"
	"github.com/ppgpa/ppgpa/indicator"
)

//go:embed model.json
var modelJSON []byte

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
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
	fs.DurationVar(&opt.Timeout, "timeout", 10*time.Second, "time limit for scoring one request")
	valid := func() bool { return opt.MaxBytes > 0 && opt.MaxUnits > 0 && opt.Timeout > 0 }
	if code, ok := excli.Parse(fs, args, stdout, valid, "-max-bytes, -max-units and -timeout must be positive; no arguments"); !ok {
		return code
	}
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
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
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
