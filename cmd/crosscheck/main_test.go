package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestHelpDoesNotRunTheCommand(t *testing.T) {
	var out, errb bytes.Buffer
	// With --help, claims must print its usage and stop: it must not open
	// (and create) the database named by --db.
	db := t.TempDir() + "/never-created.db"
	if code := run([]string{"--db", db, "claims", "--help"}, strings.NewReader(""), &out, &errb); code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errb.String())
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("claims --help opened the database: the command ran")
	}
	if !strings.Contains(out.String(), "Usage: crosscheck claims") {
		t.Errorf("no usage printed: %q", out.String())
	}
	if code := run([]string{"bogus"}, strings.NewReader(""), &out, &errb); code != exitUsage {
		t.Errorf("unknown command: exit %d, want %d", code, exitUsage)
	}
}
