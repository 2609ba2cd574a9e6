package io.feedbackloop.notification.cases;

/**
 * An event about a case whose {@code complaint.routed.v1} this service never saw: it cannot tell
 * whom to notify. Not retried: the event goes to the dead-letter topic with this reason, to be
 * replayed once the case is known.
 */
public class UnknownCaseException extends RuntimeException {

	public UnknownCaseException(String caseId, String eventType) {
		super("Case " + caseId + " is unknown to notification-service (no complaint.routed.v1 seen), so nobody "
				+ "can be notified of its " + eventType);
	}

}
