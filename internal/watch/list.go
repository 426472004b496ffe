package watch

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck"
)

// Source is one source to watch, as given on the command line or in a
// list file.
type Source struct {
	URL string
	// Interval between polls of this source; 0 takes Options.Interval.
	Interval time.Duration
}

// maxListLine bounds one line of a list file.
const maxListLine = 64 << 10

// ParseList reads a list of sources, one per line: a URL, optionally
// followed by its poll interval ("https://example.org/rss.xml 10m").
// Blank lines and lines starting with # are skipped; a URL given twice is
// kept once (the first). name prefixes error messages, which give the line
// number; a bad line is an EINVALID error (a list with a typo should not
// silently watch less than intended).
func ParseList(r io.Reader, name string) ([]Source, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxListLine)
	var out []Source
	seen := map[string]bool{}
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) > 2 {
			return nil, crosscheck.Errorf(crosscheck.EINVALID, "%s:%d: want a URL and an optional interval, got %d fields", name, n, len(fields))
		}
		u, err := CheckURL(fields[0])
		if err != nil {
			return nil, crosscheck.Errorf(crosscheck.EINVALID, "%s:%d: %v", name, n, err)
		}
		src := Source{URL: u}
		if len(fields) == 2 {
			d, err := time.ParseDuration(fields[1])
			if err != nil || d <= 0 {
				return nil, crosscheck.Errorf(crosscheck.EINVALID, "%s:%d: interval %q is not a positive duration such as 90s, 15m or 1h", name, n, fields[1])
			}
			src.Interval = d
		}
		if !seen[src.URL] {
			seen[src.URL] = true
			out = append(out, src)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, crosscheck.Errorf(crosscheck.EINVALID, "%s: %v", name, err)
	}
	return out, nil
}

// CheckURL checks that s is an absolute http or https URL with a host and
// no credentials, and returns it without its fragment.
func CheckURL(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return "", fmt.Errorf("%q is not a URL", s)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("%q is not an http or https URL", s)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", fmt.Errorf("%q has no host", s)
	}
	if u.User != nil {
		return "", fmt.Errorf("%q carries credentials", s)
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String(), nil
}

// Sources resolves command-line arguments: an http(s) URL is a source, any
// other argument a list file read with ParseList. Duplicates are dropped.
func Sources(args []string) ([]Source, error) {
	var out []Source
	seen := map[string]bool{}
	add := func(s Source) {
		if !seen[s.URL] {
			seen[s.URL] = true
			out = append(out, s)
		}
	}
	for _, a := range args {
		if strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://") {
			u, err := CheckURL(a)
			if err != nil {
				return nil, crosscheck.Errorf(crosscheck.EINVALID, "source %v", err)
			}
			add(Source{URL: u})
			continue
		}
		f, err := os.Open(a)
		if err != nil {
			code := crosscheck.EINVALID
			if os.IsNotExist(err) {
				code = crosscheck.ENOTFOUND
			}
			return nil, &crosscheck.Error{Code: code, Message: "source list " + a + ": cannot read (a source is an http(s) URL or a file listing them)", Err: err}
		}
		list, err := ParseList(f, a)
		f.Close()
		if err != nil {
			return nil, err
		}
		for _, s := range list {
			add(s)
		}
	}
	if len(out) == 0 {
		return nil, crosscheck.Errorf(crosscheck.EINVALID, "no sources to watch")
	}
	return out, nil
}

// hostOf returns the host[:port] of a URL, lower-cased, or "" when it has
// none.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}
