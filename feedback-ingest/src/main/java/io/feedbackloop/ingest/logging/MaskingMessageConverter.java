package io.feedbackloop.ingest.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback's {@code %m}/{@code %msg}, masked (registered in logback-spring.xml). */
public class MaskingMessageConverter extends MessageConverter {

	@Override
	public String convert(ILoggingEvent event) {
		return Masking.mask(super.convert(event));
	}

}
