package io.feedbackloop.ingest.security;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every {@code /api/**} request before its body is read, and takes one permit from the
 * client's bucket. Throws, so that the problem handler answers 401 and 429 like every other error.
 */
@Component
class ApiKeyInterceptor implements HandlerInterceptor {

	static final String HEADER = "X-Api-Key";

	private final ClientRegistry clients;

	ApiKeyInterceptor(ClientRegistry clients) {
		this.clients = clients;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String key = request.getHeader(HEADER);
		if (key == null || key.isBlank()) {
			throw new UnauthenticatedException("Send the channel system's API key in the " + HEADER + " header.");
		}
		ApiClient client = this.clients.authenticate(key.strip())
			.orElseThrow(() -> new UnauthenticatedException("The API key is not valid."));
		request.setAttribute(ApiClient.ATTRIBUTE, client);
		Duration wait = client.rateLimit().tryTake(1);
		if (!wait.isZero()) {
			throw new RateLimitedException(client, wait);
		}
		return true;
	}

}
