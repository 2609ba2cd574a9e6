package io.feedbackloop.contracts;

/**
 * Kafka header names of the CloudEvents binary content mode (Kafka protocol binding): every event's
 * envelope travels in these headers, its data in the record value as JSON.
 */
public final class CloudEventHeaders {

	public static final String SPEC_VERSION = "ce_specversion";

	public static final String ID = "ce_id";

	public static final String SOURCE = "ce_source";

	public static final String TYPE = "ce_type";

	public static final String TIME = "ce_time";

	public static final String SUBJECT = "ce_subject";

	public static final String DATA_SCHEMA = "ce_dataschema";

	public static final String CONTENT_TYPE = "content-type";

	/**
	 * The CloudEvents distributed-tracing extension: the W3C trace context of the request that caused
	 * the event, also written as the plain {@code traceparent}/{@code tracestate} headers that
	 * tracing-aware Kafka clients read.
	 */
	public static final String TRACE_PARENT = "ce_traceparent";

	public static final String TRACE_STATE = "ce_tracestate";

	/** Dead-letter headers: why an event could not be processed and by whom. */
	public static final String DEAD_LETTER_REASON = "dlq_reason";

	public static final String DEAD_LETTER_EXCEPTION = "dlq_exception";

	public static final String DEAD_LETTER_CONSUMER = "dlq_consumer";

	public static final String DEAD_LETTER_ORIGIN = "dlq_origin";

	public static final String SPEC_VERSION_VALUE = "1.0";

	public static final String JSON = "application/json";

	private CloudEventHeaders() {
	}

}
