package fetch

import (
	"context"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck"
)

// allowList allows public addresses and those inside prefixes.
func allowList(prefixes []netip.Prefix) func(netip.Addr) bool {
	ps := append([]netip.Prefix(nil), prefixes...)
	return func(ip netip.Addr) bool {
		if Public(ip) {
			return true
		}
		ip = ip.WithZone("").Unmap()
		for _, p := range ps {
			if p.Contains(ip) {
				return true
			}
		}
		return false
	}
}

// Request is one GET for Do: a URL and the headers to add to the
// fetcher's own (User-Agent): validators for a conditional GET
// (If-None-Match, If-Modified-Since), Accept.
type Request struct {
	URL    string
	Header http.Header
}

// Response is what Do received. Any HTTP status is a Response, not an
// error, so that callers can act on 304, 429 and 503 themselves.
type Response struct {
	StatusCode int
	Status     string      // e.g. "304 Not Modified"
	URL        string      // the final URL after redirects
	Header     http.Header // the final response's headers
	// Body is the body of a 2xx response, at most Options.MaxBytes; nil
	// for other statuses (their bodies are discarded).
	Body    []byte
	Fetched time.Time
}

// errorBodyLimit is how much of a non-2xx body Do reads and discards so
// that the connection can be reused.
const errorBodyLimit = 64 << 10

// Do sends req through the same guard, timeout, redirect limit and size
// cap as Get, and returns the response whatever its status. Errors are
// *crosscheck.Error values: EINVALID for a bad URL, EFORBIDDEN for a
// non-public address (first hop or redirect), ETOOLARGE for a 2xx body
// over MaxBytes, EFETCH for network failures and timeouts.
func (f *Fetcher) Do(ctx context.Context, req Request) (Response, error) {
	u, err := url.Parse(strings.TrimSpace(req.URL))
	if err != nil {
		return Response{}, &crosscheck.Error{Code: crosscheck.EINVALID, Message: "fetch: invalid URL", Err: err}
	}
	if err := checkScheme(u); err != nil {
		return Response{}, err
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Response{}, &crosscheck.Error{Code: crosscheck.EINVALID, Message: "fetch: invalid URL", Err: err}
	}
	for k, vs := range req.Header {
		for _, v := range vs {
			hr.Header.Add(k, v)
		}
	}
	hr.Header.Set("User-Agent", f.opt.UserAgent)
	resp, err := f.client.Do(hr)
	if err != nil {
		return Response{}, f.classify(u, err)
	}
	defer resp.Body.Close()
	out := Response{
		StatusCode: resp.StatusCode,
		Status:     resp.Status,
		URL:        resp.Request.URL.String(),
		Header:     resp.Header,
		Fetched:    f.opt.Now(),
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, errorBodyLimit))
		return out, nil
	}
	if resp.ContentLength > f.opt.MaxBytes {
		return Response{}, crosscheck.Errorf(crosscheck.ETOOLARGE, "fetch %s: body of %d bytes is over the %d-byte limit", out.URL, resp.ContentLength, f.opt.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opt.MaxBytes+1))
	if err != nil {
		return Response{}, f.classify(u, err)
	}
	if int64(len(body)) > f.opt.MaxBytes {
		return Response{}, crosscheck.Errorf(crosscheck.ETOOLARGE, "fetch %s: body is over the %d-byte limit", out.URL, f.opt.MaxBytes)
	}
	out.Body = body
	return out, nil
}

// MaxBytes is the body cap of f's responses.
func (f *Fetcher) MaxBytes() int64 { return f.opt.MaxBytes }
