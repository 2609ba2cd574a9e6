package io.feedbackloop.notification.templates;

import java.util.EnumSet;
import java.util.Set;

/**
 * A template the service uses, the variables it fills in and the files it needs; declared by the
 * feature that sends it.
 *
 * @param name the file name prefix, such as {@code acknowledgement}
 * @param variables the only variables its files may name
 * @param variants the files it has in each language: a message has all three, a web page only HTML
 */
public record TemplateDefinition(String name, Set<String> variables, Set<Variant> variants) {

	public TemplateDefinition {
		variables = Set.copyOf(variables);
		if (variants.isEmpty()) {
			throw new IllegalArgumentException("Template " + name + " declares no variant");
		}
		variants = Set.copyOf(variants);
	}

	/** A message: the plain text (SMS, e-mail text part), the e-mail subject and the e-mail HTML part. */
	public static TemplateDefinition message(String name, Set<String> variables) {
		return new TemplateDefinition(name, variables, EnumSet.allOf(Variant.class));
	}

	/** A web page: the HTML variant only. */
	public static TemplateDefinition page(String name, Set<String> variables) {
		return new TemplateDefinition(name, variables, EnumSet.of(Variant.HTML));
	}

	/** Plain text only, such as feedback written on the customer's behalf. */
	public static TemplateDefinition text(String name, Set<String> variables) {
		return new TemplateDefinition(name, variables, EnumSet.of(Variant.TEXT));
	}

}
