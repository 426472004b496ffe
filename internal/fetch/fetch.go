// Package fetch downloads one web page for analysis: http and https only,
// with a whole-request timeout, a body size cap, a redirect limit, and a
// refusal to connect to loopback, private, link-local (including cloud
// metadata) and other non-public addresses. The address check runs at dial
// time on the IP actually being connected to, after DNS resolution and on
// every redirect hop, so neither a DNS answer nor a redirect can smuggle a
// private address in.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/crosscheck/crosscheck"
)

// Defaults for zero Options fields.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBytes     = 10 << 20
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "crosscheck/0 (+https://github.com/crosscheck/crosscheck)"
	dialTimeout         = 10 * time.Second
	maxHeaderBytes      = 64 << 10
)

// Options configure a Fetcher. The zero value is usable: every zero field
// takes its default.
type Options struct {
	// Timeout bounds the whole request, body included. Defaults to 30s.
	// Dialing is also bounded by 10s (or Timeout if shorter), and waiting
	// for response headers by Timeout.
	Timeout time.Duration
	// MaxBytes caps the (decoded) body; a longer body fails with
	// crosscheck.ETOOLARGE. Defaults to 10 MiB.
	MaxBytes int64
	// MaxRedirects is how many redirects are followed. Defaults to 5; a
	// negative value follows none.
	MaxRedirects int
	// AllowPrivate allows loopback, private, link-local and other
	// non-public addresses. Off by default.
	AllowPrivate bool
	// AllowAddrs lets these non-public ranges through while the guard stays
	// on for every other address: an intranet feed server that an operator
	// trusts, or the loopback test server whose redirect to another private
	// address must still be refused.
	AllowAddrs []netip.Prefix
	// UserAgent is sent with every request. Defaults to DefaultUserAgent.
	UserAgent string
	// Now returns the time stamped on Document.Fetched. Defaults to time.Now.
	Now func() time.Time
}

// Fetcher downloads pages. It is safe for concurrent use and reuses
// connections between calls.
type Fetcher struct {
	opt    Options
	client *http.Client
	// allowed decides whether an address may be dialed; tests narrow it to
	// let one loopback server through while refusing everything else.
	allowed func(netip.Addr) bool
}

// New returns a Fetcher with opt, defaults filled in.
func New(opt Options) *Fetcher {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.MaxRedirects == 0 {
		opt.MaxRedirects = DefaultMaxRedirects
	} else if opt.MaxRedirects < 0 {
		opt.MaxRedirects = 0
	}
	if opt.UserAgent == "" {
		opt.UserAgent = DefaultUserAgent
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	f := &Fetcher{opt: opt, allowed: Public}
	if opt.AllowPrivate {
		f.allowed = func(netip.Addr) bool { return true }
	} else if len(opt.AllowAddrs) > 0 {
		f.allowed = allowList(opt.AllowAddrs)
	}
	dialer := &net.Dialer{
		Timeout: min(dialTimeout, opt.Timeout),
		// Control runs after resolution, on the address about to be
		// connected, and before any packet is sent.
		Control: func(network, address string, _ syscall.RawConn) error {
			return f.checkAddress(address)
		},
	}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would hide the real destination from the check
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   min(dialTimeout, opt.Timeout),
		ResponseHeaderTimeout: opt.Timeout,
		// A page's headers are a few KiB; the default (1 MiB) would let a
		// hostile server make every fetch hold a megabyte.
		MaxResponseHeaderBytes: maxHeaderBytes,
		MaxIdleConns:           16,
		IdleConnTimeout:        90 * time.Second,
		ForceAttemptHTTP2:      true,
	}
	f.client = &http.Client{
		Transport: transport,
		Timeout:   opt.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > f.opt.MaxRedirects {
				return &redirectError{n: f.opt.MaxRedirects}
			}
			if err := checkScheme(req.URL); err != nil {
				return err
			}
			req.Header.Set("User-Agent", f.opt.UserAgent)
			return nil
		},
	}
	return f
}

// forbiddenError is returned by the dial check; Get turns it into EFORBIDDEN.
type forbiddenError struct{ addr string }

func (e *forbiddenError) Error() string {
	return fmt.Sprintf("refusing to connect to non-public address %s", e.addr)
}

type redirectError struct{ n int }

func (e *redirectError) Error() string { return fmt.Sprintf("stopped after %d redirects", e.n) }

func (f *Fetcher) checkAddress(address string) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		host = address
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return &forbiddenError{addr: address} // the dialer always passes an IP; refuse anything else
	}
	if !f.allowed(ip) {
		return &forbiddenError{addr: ip.String()}
	}
	return nil
}

// nonPublic lists the IPv4 and IPv6 ranges refused unless AllowPrivate is set.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network", unspecified
	netip.MustParsePrefix("10.0.0.0/8"),      // RFC 1918
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("127.0.0.0/8"),     // loopback
	netip.MustParsePrefix("169.254.0.0/16"),  // link-local, cloud metadata 169.254.169.254
	netip.MustParsePrefix("172.16.0.0/12"),   // RFC 1918
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.168.0.0/16"),  // RFC 1918
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("224.0.0.0/4"),     // multicast
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("::/128"),          // unspecified
	netip.MustParsePrefix("::1/128"),         // loopback
	netip.MustParsePrefix("fc00::/7"),        // unique local
	netip.MustParsePrefix("fe80::/10"),       // link-local
	netip.MustParsePrefix("fec0::/10"),       // deprecated site-local
	netip.MustParsePrefix("ff00::/8"),        // multicast
	netip.MustParsePrefix("100::/64"),        // discard
	netip.MustParsePrefix("fd00:ec2::/32"),   // AWS IPv6 metadata (inside fc00::/7; kept for clarity)
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
}

var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)

// Public reports whether ip is a public unicast address that Get may
// connect to by default. IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96)
// and 6to4 (2002::/16) forms are judged by the IPv4 address they embed.
func Public(ip netip.Addr) bool {
	if !ip.IsValid() {
		return false
	}
	ip = ip.WithZone("")
	if ip.Is4In6() {
		ip = ip.Unmap()
	}
	if ip.Is6() {
		b := ip.As16()
		switch {
		case nat64.Contains(ip):
			return Public(netip.AddrFrom4([4]byte(b[12:16])))
		case sixToFour.Contains(ip):
			return Public(netip.AddrFrom4([4]byte(b[2:6])))
		}
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

func checkScheme(u *url.URL) error {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return crosscheck.Errorf(crosscheck.EINVALID, "fetch: unsupported URL scheme %q (only http and https)", u.Scheme)
	}
	if u.Hostname() == "" {
		return crosscheck.Errorf(crosscheck.EINVALID, "fetch: URL %q has no host", u.Redacted())
	}
	if u.User != nil {
		return crosscheck.Errorf(crosscheck.EINVALID, "fetch: URL with credentials refused")
	}
	return nil
}

// Get downloads rawURL and returns it as a Document whose URL is the final
// URL after redirects. Errors are *crosscheck.Error values:
//   - EINVALID for a malformed URL or a scheme other than http/https;
//   - EFORBIDDEN when the host (or a redirect target) resolves to a
//     non-public address and AllowPrivate is off;
//   - ENOTFOUND for HTTP 404 and 410;
//   - ETOOLARGE when the body is over MaxBytes;
//   - EFETCH for any other network failure, timeout, too many redirects or
//     non-2xx status. A cancelled ctx is wrapped too (errors.Is works).
func (f *Fetcher) Get(ctx context.Context, rawURL string) (crosscheck.Document, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return crosscheck.Document{}, &crosscheck.Error{Code: crosscheck.EINVALID, Message: "fetch: invalid URL", Err: err}
	}
	if err := checkScheme(u); err != nil {
		return crosscheck.Document{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return crosscheck.Document{}, &crosscheck.Error{Code: crosscheck.EINVALID, Message: "fetch: invalid URL", Err: err}
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
	resp, err := f.client.Do(req)
	if err != nil {
		return crosscheck.Document{}, f.classify(u, err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		code := crosscheck.EFETCH
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone {
			code = crosscheck.ENOTFOUND
		}
		return crosscheck.Document{}, crosscheck.Errorf(code, "fetch %s: HTTP %s", final, resp.Status)
	}
	if resp.ContentLength > f.opt.MaxBytes {
		return crosscheck.Document{}, crosscheck.Errorf(crosscheck.ETOOLARGE, "fetch %s: body of %d bytes is over the %d-byte limit", final, resp.ContentLength, f.opt.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opt.MaxBytes+1))
	if err != nil {
		return crosscheck.Document{}, f.classify(u, err)
	}
	if int64(len(body)) > f.opt.MaxBytes {
		return crosscheck.Document{}, crosscheck.Errorf(crosscheck.ETOOLARGE, "fetch %s: body is over the %d-byte limit", final, f.opt.MaxBytes)
	}
	return crosscheck.Document{
		URL:         final,
		ContentType: resp.Header.Get("Content-Type"),
		Body:        body,
		Fetched:     f.opt.Now(),
	}, nil
}

// classify turns a client error into a *crosscheck.Error with a code.
func (f *Fetcher) classify(u *url.URL, err error) error {
	var ce *crosscheck.Error
	if errors.As(err, &ce) {
		return ce // scheme check on a redirect
	}
	var fe *forbiddenError
	if errors.As(err, &fe) {
		return &crosscheck.Error{Code: crosscheck.EFORBIDDEN,
			Message: fmt.Sprintf("fetch %s: %s (private, loopback, link-local and metadata addresses are refused unless private addresses are allowed)", u.Redacted(), fe.Error())}
	}
	var re *redirectError
	if errors.As(err, &re) {
		return &crosscheck.Error{Code: crosscheck.EFETCH, Message: fmt.Sprintf("fetch %s: too many redirects", u.Redacted()), Err: re}
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() && !errors.Is(err, context.Canceled) {
		return &crosscheck.Error{Code: crosscheck.EFETCH, Message: fmt.Sprintf("fetch %s: timed out", u.Redacted()), Err: err}
	}
	return &crosscheck.Error{Code: crosscheck.EFETCH, Message: fmt.Sprintf("fetch %s", u.Redacted()), Err: err}
}
