package io.feedbackloop.router.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An update based on a version that is no longer the current one: {@code 409}, nothing changed. The
 * caller reads again, looks at what changed, and decides again.
 */
public class StaleVersionException extends ApiProblemException {

	public StaleVersionException(String what, long expected, long current) {
		super(HttpStatus.CONFLICT, "stale-version", "Stale version",
				what + " is at version " + current + "; your update was based on version " + expected
						+ " and was not applied. Read it again and retry.",
				Map.of("expectedVersion", expected, "currentVersion", current));
	}

}
