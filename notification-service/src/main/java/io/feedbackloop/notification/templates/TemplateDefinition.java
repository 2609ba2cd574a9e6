package io.feedbackloop.notification.templates;

import java.util.Set;

/**
 * A template the service uses and the variables it fills in; declared by the feature that sends it.
 *
 * @param name the file name prefix, such as {@code acknowledgement}
 * @param variables the only variables its files may name
 */
public record TemplateDefinition(String name, Set<String> variables) {

	public TemplateDefinition {
		variables = Set.copyOf(variables);
	}

}
