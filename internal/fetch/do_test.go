package fetch

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
)

func TestDoConditional(t *testing.T) {
	t.Parallel()
	const etag = `"v1"`
	var gotUA string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.Header.Get("User-Agent")
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte("<rss/>"))
	}))
	defer srv.Close()
	f := New(Options{AllowPrivate: true, UserAgent: "crosscheck-test/1", Timeout: 5 * time.Second, Now: func() time.Time { return fixedNow }})

	first, err := f.Do(t.Context(), Request{URL: srv.URL, Header: http.Header{"Accept": {"application/rss+xml"}}})
	if err != nil {
		t.Fatal(err)
	}
	if first.StatusCode != 200 || string(first.Body) != "<rss/>" || first.Header.Get("ETag") != etag || !first.Fetched.Equal(fixedNow) {
		t.Errorf("first response: %+v", first)
	}
	if gotUA != "crosscheck-test/1" {
		t.Errorf("User-Agent %q", gotUA)
	}
	second, err := f.Do(t.Context(), Request{URL: srv.URL, Header: http.Header{"If-None-Match": {etag}}})
	if err != nil {
		t.Fatal(err)
	}
	if second.StatusCode != http.StatusNotModified || second.Body != nil {
		t.Errorf("conditional GET: %d %q", second.StatusCode, second.Body)
	}
}

func TestDoStatusesAreNotErrors(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(strings.Repeat("slow down ", 100)))
	}))
	defer srv.Close()
	resp, err := New(Options{AllowPrivate: true, Timeout: 5 * time.Second}).Do(t.Context(), Request{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "120" || resp.Body != nil {
		t.Errorf("got %d %q body %d bytes", resp.StatusCode, resp.Header.Get("Retry-After"), len(resp.Body))
	}
}

// TestAllowAddrs: the allowed loopback address is reachable with the guard
// on, and a redirect from it to another loopback address is refused.
func TestAllowAddrs(t *testing.T) {
	t.Parallel()
	other := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("the guard let a request through to 127.0.0.2")
	}))
	other.Listener.Close()
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	other.Listener = ln
	other.Start()
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/away" {
			http.Redirect(w, r, other.URL+"/secret", http.StatusFound)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	f := New(Options{AllowAddrs: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}, Timeout: 5 * time.Second})
	resp, err := f.Do(t.Context(), Request{URL: srv.URL + "/"})
	if err != nil || string(resp.Body) != "ok" {
		t.Fatalf("allowed address: %v %q", err, resp.Body)
	}
	_, err = f.Do(t.Context(), Request{URL: srv.URL + "/away"})
	wantCode(t, err, crosscheck.EFORBIDDEN)
	_, err = f.Do(t.Context(), Request{URL: other.URL})
	wantCode(t, err, crosscheck.EFORBIDDEN)
	// Public addresses stay allowed with an allow-list.
	if !f.allowed(netip.MustParseAddr("8.8.8.8")) || f.allowed(netip.MustParseAddr("10.1.2.3")) {
		t.Error("allow-list changed the verdict on addresses outside it")
	}
}

func TestDoCapAndTimeout(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.Write([]byte(strings.Repeat("x", 4096)))
		case "/slow":
			time.Sleep(2 * time.Second)
		}
	}))
	defer srv.Close()
	f := New(Options{AllowPrivate: true, MaxBytes: 1024, Timeout: 300 * time.Millisecond})
	_, err := f.Do(t.Context(), Request{URL: srv.URL + "/big"})
	wantCode(t, err, crosscheck.ETOOLARGE)
	_, err = f.Do(t.Context(), Request{URL: srv.URL + "/slow"})
	wantCode(t, err, crosscheck.EFETCH)
	if !strings.Contains(err.Error(), "timed out") {
		t.Errorf("timeout error: %v", err)
	}
	_, err = f.Do(t.Context(), Request{URL: "ftp://example.org/"})
	wantCode(t, err, crosscheck.EINVALID)
}
