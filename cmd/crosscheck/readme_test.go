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
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readmeCommand is one command of a shell block of README.md.
type readmeCommand struct {
	Line int    // line of README.md where it starts
	Text string // with continuation lines joined
}

// readmeCommands returns the commands of README.md's ```sh blocks, in
// order: one per line, a trailing backslash joining the next line.
func readmeCommands(readme []byte) []readmeCommand {
	var out []readmeCommand
	in := false
	var cur *readmeCommand
	sc := bufio.NewScanner(bytes.NewReader(readme))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case !in && strings.HasPrefix(line, "```sh"):
			in = true
			continue
		case in && strings.HasPrefix(line, "```"):
			in = false
			continue
		case !in:
			continue
		}
		if cur != nil {
			cur.Text += " " + strings.TrimSpace(strings.TrimSuffix(line, `\`))
		} else if strings.TrimSpace(line) != "" && !strings.HasPrefix(strings.TrimSpace(line), "#") {
			cur = &readmeCommand{Line: n, Text: strings.TrimSpace(strings.TrimSuffix(line, `\`))}
		}
		if cur != nil && !strings.HasSuffix(line, `\`) {
			out = append(out, *cur)
			cur = nil
		}
	}
	return out
}

// TestReadmeCommandsParse checks the parser on a small README.
func TestReadmeCommandsParse(t *testing.T) {
	got := readmeCommands([]byte("text\n```sh\ncrosscheck a   # note\n\n# a comment\ncurl -d x \\\n  http://h/\n```\n```go\nnot run\n```\n"))
	want := []readmeCommand{{3, "crosscheck a   # note"}, {6, "curl -d x http://h/"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

var (
	serverCmd = regexp.MustCompile(`(^|\s)(crosscheck|go run \./cmd/crosscheck) (serve|demo)\b`)
	portRe    = regexp.MustCompile(`127\.0\.0\.1:8080\b`)
	servingRe = regexp.MustCompile(`serving on (http://\S+?)/? `)
)

// TestReadme runs every command of README.md's shell blocks, in order, as
// a user would paste them, in a copy of the repository's tracked files (a
// fresh clone) with ../shared beside it when it exists. What differs from a
// user's machine: the database is a temporary file (CROSSCHECK_DB, HOME and
// XDG_DATA_HOME point into the test's directory), `go install` installs
// into a temporary GOBIN put first on PATH, the UI's port 8080 is a free
// port, and `go test ./...` is left out (this test runs inside it; CI runs
// it on a fresh clone). Servers (serve, demo)
// start in the background and must answer /healthz and / before the next
// command runs; they are stopped with SIGINT and must exit cleanly.
// Commands marked "# needs network" are skipped, and so are commands that
// read ../shared when it is absent.
func TestReadme(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every README command (minutes); not in -short")
	}
	if os.Getenv("CROSSCHECK_README_TEST") != "" {
		t.Skip("inside the README test's own `go test` run")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go not on PATH: %v", err)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skipf("git not on PATH: %v", err)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	clone := filepath.Join(work, "crosscheck")
	copyTracked(t, root, clone)
	shared := filepath.Join(filepath.Dir(root), "shared")
	haveShared := false
	if fi, err := os.Stat(shared); err == nil && fi.IsDir() {
		haveShared = os.Symlink(shared, filepath.Join(work, "shared")) == nil
	}
	home := filepath.Join(work, "home")
	bin := filepath.Join(work, "bin")
	for _, d := range []string{home, bin} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	port := freePort(t)
	env := map[string]string{
		"PATH":                   bin + string(os.PathListSeparator) + filepath.Dir(gobin) + string(os.PathListSeparator) + os.Getenv("PATH"),
		"HOME":                   home,
		"XDG_DATA_HOME":          filepath.Join(home, "data"),
		"GOBIN":                  bin,
		"GOFLAGS":                "-buildvcs=false",
		"CROSSCHECK_README_TEST": "1",
		"CROSSCHECK_LOG_LEVEL":   "warn",
	}
	// Keep the Go caches and module proxy settings of the machine.
	for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GONOSUMDB", "GOSUMDB", "GOTOOLCHAIN", "TMPDIR"} {
		if v, ok := os.LookupEnv(k); ok {
			env[k] = v
		} else if out, err := exec.Command(gobin, "env", k).Output(); err == nil && strings.TrimSpace(string(out)) != "" {
			env[k] = strings.TrimSpace(string(out))
		}
	}
	db := filepath.Join(work, "readme.db")

	var servers []*readmeServer
	defer func() {
		for _, s := range servers {
			s.stop(t)
		}
	}()
	ran := 0
	for _, c := range readmeCommands(readme) {
		text := c.Text
		where := fmt.Sprintf("README.md:%d: %s", c.Line, text)
		switch {
		case strings.Contains(text, "# needs network"):
			t.Logf("skip (needs network): %s", where)
			continue
		case strings.Contains(text, "../shared") && !haveShared:
			t.Logf("skip (../shared is absent): %s", where)
			continue
		}
		if name, value, ok := strings.Cut(strings.TrimPrefix(text, "export "), "="); ok && strings.HasPrefix(text, "export ") {
			if name == "CROSSCHECK_DB" {
				value = db // the temporary database
			}
			env[name] = strings.Trim(strings.Fields(value)[0], `"'`)
			continue
		}
		text = portRe.ReplaceAllString(text, fmt.Sprintf("127.0.0.1:%d", port))
		if strings.HasPrefix(text, "go test ./...") {
			// This test is part of that run: CI's `bash .ci/run` runs it on
			// a fresh clone.
			t.Logf("skip (the test command: this test runs inside it): %s", where)
			continue
		}
		if strings.Contains(text, "curl ") {
			if _, err := exec.LookPath("curl"); err != nil {
				t.Logf("skip (curl not installed): %s", where)
				continue
			}
		}
		ran++
		if serverCmd.MatchString(text) {
			for _, s := range servers {
				s.stop(t)
			}
			servers = nil
			if !strings.Contains(text, "--addr") {
				cmdPart, comment, _ := strings.Cut(text, "#")
				text = strings.TrimSpace(cmdPart) + fmt.Sprintf(" --addr 127.0.0.1:%d", port)
				if comment != "" {
					text += " #" + comment
				}
			}
			servers = append(servers, startReadmeServer(t, clone, env, text, where))
			continue
		}
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
		cmd := exec.CommandContext(ctx, "bash", "-c", "set -o pipefail; "+text)
		cmd.Dir = clone
		cmd.Env = envList(env)
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("%s\nfailed: %v\n%s", where, err, tail(out, 3000))
		}
		t.Logf("ok: %s (%d bytes of output)", where, len(out))
	}
	if ran < 15 {
		t.Errorf("ran only %d README commands: the parser or the README changed", ran)
	}
}

// copyTracked copies the files git tracks (and the working copy's changes
// to them) from root into dir: what a fresh clone holds.
func copyTracked(t *testing.T, root, dir string) {
	t.Helper()
	out, err := exec.Command("git", "-C", root, "ls-files", "-z").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if name == "" {
			continue
		}
		src, dst := filepath.Join(root, name), filepath.Join(dir, name)
		fi, err := os.Lstat(src)
		if err != nil {
			continue // deleted in the working copy
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if fi.Mode()&os.ModeSymlink != 0 {
			target, err := os.Readlink(src)
			if err == nil {
				err = os.Symlink(target, dst)
			}
			if err != nil {
				t.Fatal(err)
			}
			continue
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, fi.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
}

func envList(env map[string]string) []string {
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	return out
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// readmeServer is a README command that serves until stopped.
type readmeServer struct {
	cmd   *exec.Cmd
	where string
	out   *lockedBuffer
	done  chan error
}

type lockedBuffer struct {
	mu chan struct{}
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu <- struct{}{}
	defer func() { <-l.mu }()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu <- struct{}{}
	defer func() { <-l.mu }()
	return l.b.String()
}

// startReadmeServer starts a serve or demo command and waits until it
// answers /healthz and / with 200.
func startReadmeServer(t *testing.T, dir string, env map[string]string, text, where string) *readmeServer {
	t.Helper()
	// exec replaces bash, so that SIGINT reaches crosscheck (or go run,
	// which passes it on).
	cmd := exec.Command("bash", "-c", "exec "+text)
	cmd.Dir = dir
	cmd.Env = append(envList(env), "CROSSCHECK_LOG_LEVEL=info") // to see the clean shutdown
	s := &readmeServer{cmd: cmd, where: where, out: &lockedBuffer{mu: make(chan struct{}, 1)}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = s.out, s.out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	go func() { s.done <- cmd.Wait() }()
	deadline := time.Now().Add(5 * time.Minute) // go run builds first
	var base string
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			t.Fatalf("%s: exited before serving: %v\n%s", where, err, tail([]byte(s.out.String()), 3000))
		case <-time.After(200 * time.Millisecond):
		}
		if m := servingRe.FindStringSubmatch(s.out.String()); m != nil {
			base = m[1]
			break
		}
	}
	if base == "" {
		s.stop(t)
		t.Fatalf("%s: no \"serving on\" line within the deadline:\n%s", where, tail([]byte(s.out.String()), 3000))
	}
	for _, p := range []string{"/healthz", "/", "/map"} {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatalf("%s: GET %s: %v", where, p, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: GET %s: %s", where, p, resp.Status)
		}
	}
	t.Logf("ok (serving on %s): %s", base, where)
	return s
}

// stop interrupts the server and waits for a clean exit.
func (s *readmeServer) stop(t *testing.T) {
	t.Helper()
	if s.cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGINT)
	select {
	case err := <-s.done:
		out := s.out.String()
		// `go run` itself exits 1 when interrupted, whatever its child
		// did; the child's own log says whether it shut down cleanly.
		goRun := strings.Contains(s.where, "go run ")
		if err != nil && !(goRun && strings.Contains(out, "msg=stopped")) || !strings.Contains(out, "msg=stopped") {
			t.Errorf("%s: did not stop cleanly on SIGINT: %v\n%s", s.where, err, tail([]byte(out), 2000))
		}
	case <-time.After(30 * time.Second):
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-s.done
		t.Errorf("%s: still running 30 s after SIGINT", s.where)
	}
	s.cmd.Process = nil
}
