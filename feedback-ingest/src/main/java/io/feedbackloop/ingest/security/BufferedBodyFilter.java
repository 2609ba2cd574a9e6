package io.feedbackloop.ingest.security;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signed request's signature covers its body, so the body must be read before the request is
 * authenticated and again by the controller: this filter lets it be read twice. It only wraps
 * requests that carry {@code X-Signature} (only {@code /api/**} reads them), and runs after the body-size filter, so
 * that the buffered body is the one whose size is capped. The body is read when the signature is
 * checked, inside Spring MVC, so that a body too large is answered like any other (413).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class BufferedBodyFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// every signed request, whatever its path looks like (Spring matches /api;x/v1/... as /api/v1/...)
		return request.getHeader(RequestSignatures.SIGNATURE) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new BufferedBodyRequest(request), response);
	}

	/** A request whose body is read once, on first use, and then served from memory. */
	static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private byte @Nullable [] body;

		BufferedBodyRequest(HttpServletRequest request) {
			super(request);
		}

		/** The whole body (read now if it was not yet). */
		byte[] body() throws IOException {
			byte[] read = this.body;
			if (read == null) {
				read = super.getInputStream().readAllBytes();
				this.body = read;
			}
			return read;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ByteArrayInputStream bytes = new ByteArrayInputStream(body());
			return new ServletInputStream() {

				@Override
				public int read() {
					return bytes.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return bytes.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return bytes.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body was read already");
				}

			};
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

}
