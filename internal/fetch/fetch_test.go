package fetch

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
)

var fixedNow = time.Date(2025, 4, 26, 12, 0, 0, 0, time.UTC)

// loopbackOnly lets the test servers on 127.0.0.1 through while refusing
// every other address, so a redirect to a private address is refused even
// though the first hop is allowed.
func loopbackOnly(f *Fetcher) *Fetcher {
	f.allowed = func(ip netip.Addr) bool { return ip == netip.MustParseAddr("127.0.0.1") }
	return f
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want code %s", code)
	}
	if got := crosscheck.ErrorCode(err); got != code {
		t.Fatalf("error code %q, want %q (err: %v)", got, code, err)
	}
}

func TestPublic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ip   string
		want bool
	}{
		{"8.8.8.8", true},
		{"93.184.216.34", true},
		{"2606:4700:4700::1111", true},
		{"127.0.0.1", false},
		{"127.1.2.3", false},
		{"10.0.0.1", false},
		{"172.16.5.4", false},
		{"172.31.255.255", false},
		{"172.32.0.1", true},
		{"192.168.1.1", false},
		{"100.64.0.1", false},
		{"100.127.255.254", false},
		{"100.128.0.1", true},
		{"169.254.169.254", false},
		{"169.254.1.1", false},
		{"0.0.0.0", false},
		{"224.0.0.1", false},
		{"255.255.255.255", false},
		{"::", false},
		{"::1", false},
		{"fc00::1", false},
		{"fd12:3456::1", false},
		{"fd00:ec2::254", false},
		{"fe80::1", false},
		{"fe80::1%eth0", false},
		{"ff02::1", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:10.1.2.3", false},
		{"::ffff:169.254.169.254", false},
		{"::ffff:8.8.8.8", true},
		{"64:ff9b::a9fe:a9fe", false}, // NAT64 form of 169.254.169.254
		{"64:ff9b::808:808", true},
		{"2002:7f00:1::1", false}, // 6to4 around 127.0.0.1
		{"2002:808:808::1", true},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			t.Parallel()
			if got := Public(netip.MustParseAddr(tt.ip)); got != tt.want {
				t.Errorf("Public(%s) = %v, want %v", tt.ip, got, tt.want)
			}
		})
	}
	if Public(netip.Addr{}) {
		t.Error("zero Addr is public")
	}
}

func page(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
}

func TestRefusesLoopbackByDefault(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	t.Cleanup(srv.Close)
	f := New(Options{Timeout: 5 * time.Second})
	for _, u := range []string{srv.URL, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)} {
		_, err := f.Get(t.Context(), u)
		wantCode(t, err, crosscheck.EFORBIDDEN)
		if !strings.Contains(err.Error(), "non-public address") {
			t.Errorf("message does not say why: %v", err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("server was reached %d times", n)
	}
}

func TestFetchAllowPrivate(t *testing.T) {
	t.Parallel()
	var ua atomic.Value
	mux := http.NewServeMux()
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.Header.Get("User-Agent"))
		page("<html><body><p>Hello</p></body></html>")(w, r)
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/a", http.StatusFound) })
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusNotFound) })
	mux.HandleFunc("/boom", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusBadGateway) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	f := New(Options{AllowPrivate: true, UserAgent: "crosscheck-test", Now: func() time.Time { return fixedNow }, Timeout: 5 * time.Second})

	doc, err := f.Get(t.Context(), srv.URL+"/redirect")
	if err != nil {
		t.Fatal(err)
	}
	if doc.URL != srv.URL+"/a" {
		t.Errorf("URL = %q, want final URL %q", doc.URL, srv.URL+"/a")
	}
	if doc.ContentType != "text/html; charset=utf-8" || string(doc.Body) != "<html><body><p>Hello</p></body></html>" || !doc.Fetched.Equal(fixedNow) {
		t.Errorf("doc = %+v", doc)
	}
	if got := ua.Load(); got != "crosscheck-test" {
		t.Errorf("User-Agent %q", got)
	}
	_, err = f.Get(t.Context(), srv.URL+"/gone")
	wantCode(t, err, crosscheck.ENOTFOUND)
	_, err = f.Get(t.Context(), srv.URL+"/boom")
	wantCode(t, err, crosscheck.EFETCH)
	if !strings.Contains(err.Error(), "502") {
		t.Errorf("status missing from %v", err)
	}
}

func TestRedirects(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	// /r/N redirects to /r/N-1; /r/0 is the page.
	mux.HandleFunc("/r/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		if n == 0 {
			page("done")(w, r)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/r/%d", n-1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/ipv6", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://[::1]:1/", http.StatusFound)
	})
	mux.HandleFunc("/file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	tests := []struct {
		name      string
		max       int
		path      string
		wantCode  string
		wantInMsg string
	}{
		{"within limit", 3, "/r/3", "", ""},
		{"over limit", 3, "/r/4", crosscheck.EFETCH, "too many redirects"},
		{"no redirects allowed", -1, "/r/1", crosscheck.EFETCH, "too many redirects"},
		{"default limit 5", 0, "/r/5", "", ""},
		{"default limit exceeded", 0, "/r/6", crosscheck.EFETCH, "too many redirects"},
		{"to metadata address", 5, "/metadata", crosscheck.EFORBIDDEN, "169.254.169.254"},
		{"to ipv6 loopback", 5, "/ipv6", crosscheck.EFORBIDDEN, "::1"},
		{"to file scheme", 5, "/file", crosscheck.EINVALID, "scheme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := loopbackOnly(New(Options{MaxRedirects: tt.max, Timeout: 5 * time.Second}))
			doc, err := f.Get(t.Context(), srv.URL+tt.path)
			if tt.wantCode == "" {
				if err != nil {
					t.Fatal(err)
				}
				if string(doc.Body) != "done" || doc.URL != srv.URL+"/r/0" {
					t.Errorf("doc URL %q body %q", doc.URL, doc.Body)
				}
				return
			}
			wantCode(t, err, tt.wantCode)
			if !strings.Contains(err.Error(), tt.wantInMsg) {
				t.Errorf("error %q does not mention %q", err, tt.wantInMsg)
			}
		})
	}
}

func TestBodyCap(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 2048)
	mux := http.NewServeMux()
	mux.HandleFunc("/length", page(big)) // Content-Length set
	mux.HandleFunc("/chunked", func(w http.ResponseWriter, r *http.Request) {
		for range 4 {
			fmt.Fprint(w, big[:512])
			w.(http.Flusher).Flush() // no Content-Length
		}
	})
	mux.HandleFunc("/exact", page(big[:1024]))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	f := New(Options{AllowPrivate: true, MaxBytes: 1024, Timeout: 5 * time.Second})
	for _, p := range []string{"/length", "/chunked"} {
		_, err := f.Get(t.Context(), srv.URL+p)
		wantCode(t, err, crosscheck.ETOOLARGE)
	}
	doc, err := f.Get(t.Context(), srv.URL+"/exact")
	if err != nil || len(doc.Body) != 1024 {
		t.Fatalf("exact limit: %d bytes, %v", len(doc.Body), err)
	}
}

// TestHostileResponses: a gzip bomb is cut at MaxBytes of decoded body (the
// transport decodes gzip itself), and headers over 64 KiB are refused.
func TestHostileResponses(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/html")
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		zero := make([]byte, 1<<20)
		for range 64 { // 64 MiB of zeros, 64 KiB on the wire
			if _, err := zw.Write(zero); err != nil {
				return
			}
		}
		zw.Close()
	})
	mux.HandleFunc("/headers", func(w http.ResponseWriter, r *http.Request) {
		for i := range 100 {
			w.Header().Set(fmt.Sprintf("X-Pad-%d", i), strings.Repeat("p", 1000))
		}
		fmt.Fprint(w, "<p>ok</p>")
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	f := New(Options{AllowPrivate: true, MaxBytes: 1 << 20, Timeout: 10 * time.Second})
	_, err := f.Get(t.Context(), srv.URL+"/bomb")
	wantCode(t, err, crosscheck.ETOOLARGE)
	_, err = f.Get(t.Context(), srv.URL+"/headers")
	wantCode(t, err, crosscheck.EFETCH)
}

func TestTimeouts(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/slow-headers", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "start")
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	defer close(release)
	f := New(Options{AllowPrivate: true, Timeout: 200 * time.Millisecond})
	for _, p := range []string{"/slow-headers", "/slow-body"} {
		t.Run(p, func(t *testing.T) {
			start := time.Now()
			_, err := f.Get(t.Context(), srv.URL+p)
			wantCode(t, err, crosscheck.EFETCH)
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v with a 200ms timeout", d)
			}
		})
	}
	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, err := New(Options{AllowPrivate: true}).Get(ctx, srv.URL+"/slow-headers")
		wantCode(t, err, crosscheck.EFETCH)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v does not wrap context.Canceled", err)
		}
	})
}

func TestBadURLs(t *testing.T) {
	t.Parallel()
	f := New(Options{})
	for _, u := range []string{"ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)", "", "http://", "https:///path", "://bad", "http://user:pw@example.com/", "example.com/no-scheme"} {
		t.Run(u, func(t *testing.T) {
			t.Parallel()
			_, err := f.Get(t.Context(), u)
			wantCode(t, err, crosscheck.EINVALID)
		})
	}
}

func TestIPv6Loopback(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback here: %v", err)
	}
	srv := httptest.NewUnstartedServer(page("v6"))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	_, err = New(Options{Timeout: 5 * time.Second}).Get(t.Context(), srv.URL)
	wantCode(t, err, crosscheck.EFORBIDDEN)
	doc, err := New(Options{Timeout: 5 * time.Second, AllowPrivate: true}).Get(t.Context(), srv.URL)
	if err != nil || string(doc.Body) != "v6" {
		t.Fatalf("AllowPrivate over ::1: %q %v", doc.Body, err)
	}
}
