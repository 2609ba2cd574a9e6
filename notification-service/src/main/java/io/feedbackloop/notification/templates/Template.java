package io.feedbackloop.notification.templates;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/** One template file, parsed into literal text and {@code {variable}} placeholders. */
final class Template {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");

	private final String file;

	private final Variant variant;

	private final List<Part> parts;

	private Template(String file, Variant variant, List<Part> parts) {
		this.file = file;
		this.variant = variant;
		this.parts = parts;
	}

	/**
	 * @throws InvalidTemplateException naming the file and the variable when it names one not in
	 * {@code known}, or has a brace that opens or closes no variable
	 */
	static Template parse(String file, Variant variant, String text, Set<String> known) {
		List<Part> parts = new ArrayList<>();
		Matcher matcher = PLACEHOLDER.matcher(text);
		int end = 0;
		while (matcher.find()) {
			String variable = matcher.group(1);
			if (!known.contains(variable)) {
				throw new InvalidTemplateException("Template " + file + " names unknown variable {" + variable
						+ "}; known variables are " + new TreeSet<>(known));
			}
			parts.add(new Part(literal(file, text.substring(end, matcher.start())), false));
			parts.add(new Part(variable, true));
			end = matcher.end();
		}
		parts.add(new Part(literal(file, text.substring(end)), false));
		return new Template(file, variant, List.copyOf(parts));
	}

	private static String literal(String file, String text) {
		int brace = Math.max(text.indexOf('{'), text.indexOf('}'));
		if (brace >= 0) {
			throw new InvalidTemplateException("Template " + file + " has a '" + text.charAt(brace)
					+ "' that is not part of a {variable}");
		}
		return text;
	}

	String render(Map<String, String> values) {
		StringBuilder out = new StringBuilder();
		for (Part part : this.parts) {
			if (!part.variable()) {
				out.append(part.text());
				continue;
			}
			String value = values.get(part.text());
			if (value == null) {
				throw new IllegalArgumentException("No value for {" + part.text() + "} of template " + this.file);
			}
			out.append(switch (this.variant) {
				case HTML -> HtmlUtils.htmlEscape(value, StandardCharsets.UTF_8.name());
				// A line break in a header value would start a new header.
				case SUBJECT -> value.replaceAll("[\\r\\n]+", " ");
				case TEXT -> value;
			});
		}
		return out.toString();
	}

	private record Part(String text, boolean variable) {

	}

}
