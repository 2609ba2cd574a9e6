package io.feedbackloop.churn.profile;

import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;

/** Told after an event was applied to a customer's profile (or found applied before). */
public interface ProfileListener {

	void changed(CustomerId customer, Event<?> event);

}
