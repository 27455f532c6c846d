package io.devloop.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Set;

/** Counts and times every HTTP request by route and status (unknown paths share one tag, to bound cardinality). */
final class RequestMetricsFilter implements Filter {
    private final MeterRegistry registry;
    private final Set<String> routes;

    RequestMetricsFilter(MeterRegistry registry, Set<String> routes) {
        this.registry = registry;
        this.routes = routes; // a live view: servlets may join a server that is already serving
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            String path = ((HttpServletRequest) request).getRequestURI();
            Timer.builder("devloop.http.requests").description("HTTP requests by route and status")
                    .tag("route", routes.contains(path) ? path : "other")
                    .tag("method", ((HttpServletRequest) request).getMethod())
                    .tag("status", Integer.toString(((HttpServletResponse) response).getStatus()))
                    .register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
