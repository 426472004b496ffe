package server

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the Prometheus metrics of one server. They live in their own
// registry (not the global default) so that several servers, as in tests,
// never share counters.
type Metrics struct {
	registry         *prometheus.Registry
	requests         *prometheus.CounterVec
	latency          *prometheus.HistogramVec
	rejected         *prometheus.CounterVec
	ArticlesIngested prometheus.Counter
	AnalysisLatency  prometheus.Histogram

	// Watch counters, by the watched source's host (see watch.Observer).
	watchPolls    *prometheus.CounterVec
	watchNew      *prometheus.CounterVec
	watchFailures *prometheus.CounterVec
}

// NewMetrics registers the server's metrics, with Go runtime and process
// collectors, in a new registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "crosscheck_http_requests_total",
			Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "crosscheck_http_request_duration_seconds",
			Help:    "HTTP request latency by route pattern.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "crosscheck_http_rejected_total",
			Help: "Requests turned away by the limits, by class and reason (busy, timeout, too_large).",
		}, []string{"class", "reason"}),
		ArticlesIngested: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "crosscheck_articles_ingested_total",
			Help: "Articles stored through the API (new or changed).",
		}),
		AnalysisLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "crosscheck_analysis_duration_seconds",
			Help:    "Time to analyze one article (extraction to relations).",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .5, 1},
		}),
		watchPolls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "crosscheck_watch_polls_total",
			Help: "Polls of watched feeds, sitemaps and URL lists by host and result (new, unchanged, not_modified, throttled, error).",
		}, []string{"host", "result"}),
		watchNew: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "crosscheck_watch_new_items_total",
			Help: "Articles created or updated from watched sources, by the source's host.",
		}, []string{"host"}),
		watchFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "crosscheck_watch_failures_total",
			Help: "Failed polls (timeout, network, forbidden, too_large, malformed, http, throttled) and items given up (article_*) by the source's host.",
		}, []string{"host", "kind"}),
	}
	m.registry.MustRegister(m.requests, m.latency, m.rejected, m.ArticlesIngested, m.AnalysisLatency,
		m.watchPolls, m.watchNew, m.watchFailures,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// observe records one finished request; code is its status, or
// "undelivered" when the response could not be written.
func (m *Metrics) observe(route, method, code string, d time.Duration) {
	m.requests.WithLabelValues(route, method, code).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}

// WatchPolled counts one poll of a watched source (watch.Observer).
func (m *Metrics) WatchPolled(host, result string) { m.watchPolls.WithLabelValues(host, result).Inc() }

// WatchNewItems counts articles stored from a watched source.
func (m *Metrics) WatchNewItems(host string, n int) { m.watchNew.WithLabelValues(host).Add(float64(n)) }

// WatchFailed counts one failure of a watched source or of one of its items.
func (m *Metrics) WatchFailed(host, kind string) { m.watchFailures.WithLabelValues(host, kind).Inc() }

// Metrics returns the server's metrics, for parts that run beside it (the
// watcher of `serve --watch`).
func (s *Server) Metrics() *Metrics { return s.metrics }
