package io.feedbackloop.contracts;

import tools.jackson.core.JacksonException;

/**
 * Where in a JSON document a problem is, named the way the services' validation errors name fields:
 * {@code rules[2].exclude}, {@code customer.phone}. For every reader of JSON that tells the sender which field
 * is wrong: the REST APIs' problem details and the classifier's rules file.
 */
public final class JsonPaths {

	private JsonPaths() {
	}

	/** The path of the value Jackson was reading, or the empty string at the top of the document. */
	public static String of(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
