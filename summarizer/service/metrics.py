"""Prometheus metrics of one service instance (prometheus-client, its own registry).

Owns the metric names and what they count: HTTP requests and their latency by route,
results served from the cache, model calls, tokens and their cost, errors by kind,
model calls in flight and jobs by status. One registry per app, so several apps in one
process (tests) never share counters. Does not decide what is an error (`problems`).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

__all__ = ["Metrics"]

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


class Metrics:
    """The counters of one app. `render()` gives the Prometheus text format."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "summarizer_http_requests", "HTTP requests answered.", ["method", "route", "status"], registry=r
        )
        self.latency = Histogram(
            "summarizer_http_request_seconds",
            "Time to answer an HTTP request (to the first byte of a streamed body).",
            ["method", "route"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.results = Counter(
            "summarizer_results", "Articles summarized, by source (model or cache).", ["source"], registry=r
        )
        self.model_calls = Counter("summarizer_model_calls", "Model calls completed (repairs included).", registry=r)
        self.in_flight = Gauge("summarizer_model_calls_in_flight", "Model calls running now.", registry=r)
        self.tokens = Counter("summarizer_tokens", "Tokens spent on model calls.", ["kind"], registry=r)
        self.cost = Counter("summarizer_cost_dollars", "Dollars spent on model calls (known prices only).", registry=r)
        self.errors = Counter(
            "summarizer_errors", "Failed summaries and requests, by error kind.", ["kind"], registry=r
        )
        self.jobs = Gauge("summarizer_jobs", "Jobs in the job store, by status.", ["status"], registry=r)

    def render(self) -> bytes:
        return generate_latest(self.registry)
