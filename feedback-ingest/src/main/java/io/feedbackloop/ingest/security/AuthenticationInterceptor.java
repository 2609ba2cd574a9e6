package io.feedbackloop.ingest.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;

import io.feedbackloop.ingest.intake.InvalidFeedbackException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.WebUtils;

/**
 * Authenticates every {@code /api/**} request, by its API key ({@code X-Api-Key}) or, when it carries
 * {@code X-Signature}, by its HMAC signature (see {@link RequestSignatures}), and takes one permit
 * from the client's bucket. Throws, so that the problem handler answers 401 and 429 like every other
 * error.
 */
@Component
class AuthenticationInterceptor implements HandlerInterceptor {

	static final String HEADER = "X-Api-Key";

	private final ClientRegistry clients;

	AuthenticationInterceptor(ClientRegistry clients) {
		this.clients = clients;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (Collections.list(request.getHeaders(RequestSignatures.IDEMPOTENCY_KEY)).size() > 1) {
			// The controller would read the values joined ("K,X"), the signature covers the first: a captured
			// signed request with a second key added would be a new record.
			throw InvalidFeedbackException.header(RequestSignatures.IDEMPOTENCY_KEY, "must be sent once");
		}
		ApiClient client = (request.getHeader(RequestSignatures.SIGNATURE) != null) ? signed(request)
				: byApiKey(request);
		request.setAttribute(ApiClient.ATTRIBUTE, client);
		Duration wait = client.rateLimit().tryTake(1);
		if (!wait.isZero()) {
			throw new RateLimitedException(client, wait);
		}
		return true;
	}

	private ApiClient byApiKey(HttpServletRequest request) {
		String key = request.getHeader(HEADER);
		if (key == null || key.isBlank()) {
			throw new UnauthenticatedException("Send the channel system's API key in the " + HEADER
					+ " header, or sign the request (" + RequestSignatures.SIGNATURE + ").");
		}
		return this.clients.authenticate(key.strip())
			.orElseThrow(() -> new UnauthenticatedException("The API key is not valid."));
	}

	private ApiClient signed(HttpServletRequest request) {
		if (request.getHeader(HEADER) != null) {
			throw SignatureRejectedException.invalid("Send either an API key or a signature, not both.");
		}
		BufferedBodyFilter.BufferedBodyRequest buffered = WebUtils.getNativeRequest(request,
				BufferedBodyFilter.BufferedBodyRequest.class);
		if (buffered == null) {
			// not expected (the filter buffers every request with a signature); refused, never a 500
			throw SignatureRejectedException.invalid("The request's body could not be read for its signature.");
		}
		byte[] body;
		try {
			body = buffered.body();
		}
		catch (IOException ex) {
			// Too large (the size filter's exception is in the causes) or cut off: answered as an unreadable body.
			throw new HttpMessageNotReadableException("request body not readable: " + ex.getMessage(), ex,
					new ServletServerHttpRequest(request));
		}
		String query = request.getQueryString();
		String target = request.getRequestURI() + ((query != null) ? "?" + query : "");
		return this.clients.authenticateSigned(request.getHeader(RequestSignatures.CLIENT_ID),
				request.getHeader(RequestSignatures.TIMESTAMP), request.getHeader(RequestSignatures.SIGNATURE),
				request.getMethod(), target, request.getHeader(RequestSignatures.IDEMPOTENCY_KEY), body);
	}

}
