package io.feedbackloop.contracts;

import java.util.List;

/** Every topic of the platform, declared once. */
public final class Topics {

	public static final String FEEDBACK_INGEST = "feedback-ingest";

	public static final String COMPLAINT_ROUTER = "complaint-router";

	public static final String CHURN_ANALYZER = "churn-analyzer";

	public static final String NOTIFICATION_SERVICE = "notification-service";

	/** Feedback accepted from channel systems: {@code feedback.received.v1}. */
	public static final Topic FEEDBACK_INTAKE = new Topic("feedback.intake", FEEDBACK_INGEST, 6);

	/** Classification, routing and the complaint case's life: {@code feedback.classified.v1}, {@code complaint.*.v1}. */
	public static final Topic COMPLAINT_CASES = new Topic("complaint.cases", COMPLAINT_ROUTER, 6);

	/** What the notification service delivered: {@code notification.*.v1}. */
	public static final Topic NOTIFICATIONS = new Topic("notification.deliveries", NOTIFICATION_SERVICE, 6);

	/** Customer-level signals from the churn analyzer: {@code customer.*.v1}. */
	public static final Topic CUSTOMER_SIGNALS = new Topic("customer.signals", CHURN_ANALYZER, 6);

	/** Dead letters: events a service could not process, with the reason in the headers. */
	public static final Topic COMPLAINT_ROUTER_DLQ = deadLetters(COMPLAINT_ROUTER);

	public static final Topic CHURN_ANALYZER_DLQ = deadLetters(CHURN_ANALYZER);

	public static final Topic NOTIFICATION_SERVICE_DLQ = deadLetters(NOTIFICATION_SERVICE);

	public static final Topic FEEDBACK_INGEST_DLQ = deadLetters(FEEDBACK_INGEST);

	public static final List<Topic> ALL = List.of(FEEDBACK_INTAKE, COMPLAINT_CASES, NOTIFICATIONS, CUSTOMER_SIGNALS,
			COMPLAINT_ROUTER_DLQ, CHURN_ANALYZER_DLQ, NOTIFICATION_SERVICE_DLQ, FEEDBACK_INGEST_DLQ);

	private Topics() {
	}

	// The binder writes a dead letter to the partition its record came from, so a dead-letter topic
	// has as many partitions as the topics it collects from.
	private static Topic deadLetters(String consumer) {
		return new Topic(consumer + ".dlq", consumer, 6);
	}

}
