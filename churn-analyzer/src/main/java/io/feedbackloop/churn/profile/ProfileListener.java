package io.feedbackloop.churn.profile;

import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** Told after an event was applied to a customer's profile (or found applied before). */
public interface ProfileListener {

	void changed(CustomerId customer, Event<?> event);

	/**
	 * {@link #changed(CustomerId, Event)} with the profile as the change left it (derived fields
	 * included), so that a listener that reads the profile need not read it again.
	 * @param profile {@code null} when the event was applied before
	 */
	default void changed(CustomerId customer, Event<?> event, @Nullable Document profile) {
		changed(customer, event);
	}

}
