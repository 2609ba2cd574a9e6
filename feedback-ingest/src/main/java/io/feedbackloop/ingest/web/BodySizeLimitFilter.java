package io.feedbackloop.ingest.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import io.feedbackloop.ingest.IngestProperties;
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
 * Caps request bodies. The check happens while the body is read (a declared Content-Length over the
 * limit fails on the first read, a chunked body once it passes the limit), so that the rejection is
 * raised inside Spring MVC and answered by the problem handler (413 payload-too-large). A batch may
 * be larger than a single record. Runs before the filter that buffers a signed request's body.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class BodySizeLimitFilter extends OncePerRequestFilter {

	static final String BATCH_PATH = "/api/v1/feedback/batch";

	private final long limit;

	private final long batchLimit;

	BodySizeLimitFilter(IngestProperties properties) {
		this.limit = properties.maxBodySize().toBytes();
		this.batchLimit = properties.maxBatchBodySize().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long applicable = BATCH_PATH.equals(request.getRequestURI()) ? this.batchLimit : this.limit;
		chain.doFilter(new LimitedRequest(request, applicable), response);
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private @Nullable LimitedInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), getContentLengthLong(), this.limit);
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long declaredLength;

		private final long limit;

		private long count;

		LimitedInputStream(ServletInputStream delegate, long declaredLength, long limit) {
			this.delegate = delegate;
			this.declaredLength = declaredLength;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			checkDeclaredLength();
			int value = this.delegate.read();
			if (value >= 0) {
				counted(1);
			}
			return value;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			checkDeclaredLength();
			int read = this.delegate.read(buffer, offset, length);
			if (read > 0) {
				counted(read);
			}
			return read;
		}

		private void checkDeclaredLength() throws PayloadTooLargeException {
			if (this.declaredLength > this.limit) {
				throw new PayloadTooLargeException(this.limit);
			}
		}

		private void counted(int bytes) throws PayloadTooLargeException {
			this.count += bytes;
			if (this.count > this.limit) {
				throw new PayloadTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

	}

}
