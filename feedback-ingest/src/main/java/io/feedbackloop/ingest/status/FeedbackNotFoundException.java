package io.feedbackloop.ingest.status;

/** No status document for the requested feedback id. */
public class FeedbackNotFoundException extends RuntimeException {

	private final String feedbackId;

	FeedbackNotFoundException(String feedbackId) {
		super("no feedback " + feedbackId);
		this.feedbackId = feedbackId;
	}

	public String feedbackId() {
		return this.feedbackId;
	}

}
