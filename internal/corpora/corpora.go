// Package corpora locates the shared development corpora and fixtures that
// tests, benchmarks and the eval command read at run time. They live beside
// the repository in ../shared (see ../shared/corpora/README.md); their texts
// are never copied into the repository, except the seed article and the
// CC-licensed Wikinews demo set.
package corpora

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrMissing is returned when the shared folder cannot be found.
var ErrMissing = errors.New("corpora: ../shared not found beside the repository (set CROSSCHECK_SHARED)")

// Shared returns the path of the shared folder: $CROSSCHECK_SHARED if set,
// else the "shared" directory beside the module root found by walking up
// from the working directory to the nearest go.mod.
func Shared() (string, error) {
	if d := os.Getenv("CROSSCHECK_SHARED"); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("corpora: %w", err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			shared := filepath.Join(filepath.Dir(dir), "shared")
			if fi, err := os.Stat(shared); err == nil && fi.IsDir() {
				return shared, nil
			}
			return "", ErrMissing
		}
		if filepath.Dir(dir) == dir {
			return "", ErrMissing
		}
	}
}

// Path returns the path of elem inside the shared folder, e.g.
// Path("corpora", "aeb") or Path("fixtures", "seed", "article.txt").
func Path(elem ...string) (string, error) {
	s, err := Shared()
	if err != nil {
		return "", err
	}
	return filepath.Join(append([]string{s}, elem...)...), nil
}
