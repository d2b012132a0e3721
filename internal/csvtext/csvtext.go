// Package csvtext writes large CSV texts quickly and exactly: fields
// appended to a buffer in the bytes encoding/csv's Writer writes (comma
// separator, LF line ends), and a text made chunk by chunk on every core
// and written in order, so that the bytes do not depend on the number of
// cores.
//
// All functions are safe for concurrent use.
package csvtext

import (
	"runtime"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// AppendField appends f as encoding/csv's Writer (comma ',', LF line
// ends) writes a field: quoted, with quotes doubled, when it holds a
// comma, a quote, CR or LF, begins with a space (unicode.IsSpace) or is
// \.; as is otherwise.
func AppendField(b []byte, f string) []byte {
	quote := f == `\.`
	if !quote && f != "" {
		quote = strings.ContainsAny(f, ",\"\r\n")
		if r, _ := utf8.DecodeRuneInString(f); unicode.IsSpace(r) {
			quote = true
		}
	}
	if !quote {
		return append(b, f...)
	}
	b = append(b, '"')
	for k := 0; k < len(f); k++ {
		if f[k] == '"' {
			b = append(b, '"')
		}
		b = append(b, f[k])
	}
	return append(b, '"')
}

// Chunks makes n chunks of text with format (which appends chunk k to
// buf and returns it) and passes them to write in the order 0, 1, ...,
// n-1. With several cores and chunks, the chunks are formatted on every
// core at once, each into a buffer of its own, and written as soon as
// those before them are: at most 2 × GOMAXPROCS chunks are held at once.
// write is called from the calling goroutine only; after its first
// error, the remaining chunks are formatted but not written, and the
// error is returned.
func Chunks(n int, format func(buf []byte, k int) []byte, write func([]byte) error) error {
	workers := min(runtime.GOMAXPROCS(0), n-1)
	if workers < 2 {
		var buf []byte
		for k := 0; k < n; k++ {
			buf = format(buf[:0], k)
			if err := write(buf); err != nil {
				return err
			}
		}
		return nil
	}
	// A worker takes a buffer before it takes a chunk, so the chunk
	// awaited always has one.
	free := make(chan []byte, 2*workers)
	for range cap(free) {
		free <- nil
	}
	done := make([]chan []byte, n)
	for k := range done {
		done[k] = make(chan []byte, 1)
	}
	var next atomic.Int64
	for range workers {
		go func() {
			for {
				buf := <-free
				k := int(next.Add(1) - 1)
				if k >= n {
					free <- buf
					return
				}
				done[k] <- format(buf[:0], k)
			}
		}()
	}
	var err error
	for k := range done {
		buf := <-done[k]
		if err == nil {
			err = write(buf)
		}
		free <- buf
	}
	return err
}
