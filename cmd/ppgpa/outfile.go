package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// This file is the only place where ppgpa creates, truncates or renames
// files (TestOutputFilesOnlyHere checks it). A command never writes a file
// while it runs: every output (-o, -diag, validate -emit, and standard
// output) is staged in memory, and written only once the command has
// succeeded, by commit:
//
//  1. each file output is written in full to a new temporary file in the
//     directory of its destination, synced and closed;
//  2. only when every temporary file has been written are they renamed
//     onto their destinations, one after the other;
//  3. if any write fails, every temporary file is removed: the previous
//     files are left as they were and no new file appears.
//
// A rename within one directory is atomic on POSIX file systems, so a
// reader sees either the old file or the complete new one. Destinations
// that are not regular files (a terminal, /dev/null, a named pipe) cannot
// be replaced by a rename and are written directly.

// stagedOutput is one output waiting for the command to succeed.
type stagedOutput struct {
	file string // "" or "-" for standard output
	data []byte
}

// stage records data as the content of file (standard output for "" or
// "-"), to be written by commit. A file staged twice keeps the last data.
func (e *env) stage(file string, data []byte) {
	if file == "-" {
		file = ""
	}
	if file != "" {
		for i := range e.staged {
			if e.staged[i].file == file {
				e.staged[i].data = data
				return
			}
		}
	}
	e.staged = append(e.staged, stagedOutput{file, data})
}

// discard drops the staged outputs (the command failed).
func (e *env) discard() { e.staged = nil }

// commit writes the staged outputs: the files atomically, all or none (see
// above), then standard output. The staged outputs are dropped.
func (e *env) commit() error {
	staged := e.staged
	e.staged = nil
	type pending struct {
		tmp, dest, name string
	}
	var done []pending
	cleanup := func() {
		for _, p := range done {
			os.Remove(p.tmp)
		}
	}
	var direct []stagedOutput
	for _, s := range staged {
		if s.file == "" {
			continue
		}
		dest, regular, err := destination(s.file)
		if err != nil {
			cleanup()
			return fileErr(s.file, err)
		}
		if !regular {
			direct = append(direct, s)
			continue
		}
		tmp, err := writeTemp(dest, s.data)
		if err != nil {
			cleanup()
			return fmt.Errorf("%s: %v (the file was left unchanged)", s.file, err)
		}
		done = append(done, pending{tmp, dest, s.file})
	}
	for i, p := range done {
		if err := os.Rename(p.tmp, p.dest); err != nil {
			cleanup()
			if i > 0 {
				return fmt.Errorf("%s: %v (%s already replaced)", p.name, unwrapPath(err), done[0].name)
			}
			return fmt.Errorf("%s: %v (the file was left unchanged)", p.name, unwrapPath(err))
		}
		done[i].tmp = "" // renamed: nothing left to remove
	}
	for _, s := range direct {
		if err := writeDirect(s.file, s.data); err != nil {
			return fileErr(s.file, err)
		}
	}
	for _, s := range staged {
		if s.file == "" {
			if _, err := e.stdout.Write(s.data); err != nil {
				return fmt.Errorf("standard output: %v", err)
			}
		}
	}
	return nil
}

// destination resolves symbolic links in file, so that the link itself is
// kept and its target replaced, and says whether the result is a regular
// file or does not exist yet (true) or is something a rename must not
// replace (a device, a pipe, a socket).
func destination(file string) (string, bool, error) {
	dest := file
	if r, err := filepath.EvalSymlinks(file); err == nil {
		dest = r
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", false, err
	}
	fi, err := os.Stat(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return dest, true, nil
	case err != nil:
		return "", false, err
	case fi.IsDir():
		return "", false, errors.New("is a directory")
	}
	return dest, fi.Mode().IsRegular(), nil
}

// writeTemp writes data to a new temporary file next to dest, with the
// permissions of dest if it exists (else 0644), and returns its name.
func writeTemp(dest string, data []byte) (string, error) {
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(dest); err == nil {
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return "", unwrapPath(err)
	}
	tmp := f.Name()
	fail := func(err error) (string, error) {
		f.Close()
		os.Remove(tmp)
		return "", unwrapPath(err)
	}
	if err := writeAll(f, data); err != nil {
		return fail(err)
	}
	if err := f.Chmod(mode); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return "", unwrapPath(err)
	}
	return tmp, nil
}

// writeAll writes data to w; a test replaces it to make writes fail.
var writeAll = func(w io.Writer, data []byte) error {
	_, err := w.Write(data)
	return err
}

// writeDirect writes data to an existing file that is not a regular file.
func writeDirect(file string, data []byte) error {
	f, err := os.OpenFile(file, os.O_WRONLY, 0)
	if err != nil {
		return unwrapPath(err)
	}
	if err := writeAll(f, data); err != nil {
		f.Close()
		return unwrapPath(err)
	}
	return f.Close()
}

// unwrapPath drops the operation and path of an *os.PathError or
// *os.LinkError (the caller names the file).
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
