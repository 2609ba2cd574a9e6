package io.feedbackloop.router.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.feedbackloop.router.web.FieldError;
import org.jspecify.annotations.Nullable;

/**
 * Checks a routing table against what exists: departments, taxonomy categories, customer tiers,
 * severities and owner roles. Each problem names the rule, the field and the unknown value, and lists
 * the known ones.
 */
class RoutingTableValidator {

	private final Collection<String> departments;

	private final Collection<String> categories;

	private final Collection<String> tiers;

	RoutingTableValidator(Collection<String> departments, Collection<String> categories, Collection<String> tiers) {
		this.departments = departments.stream().sorted().toList();
		this.categories = List.copyOf(categories);
		this.tiers = List.copyOf(tiers);
	}

	List<FieldError> check(RoutingTable table) {
		List<FieldError> errors = new ArrayList<>();
		required("defaultDepartment", table.defaultDepartment(), "department", this.departments, errors);
		optional("defaultOwnerRole", table.defaultOwnerRole(), "owner role", RoutingTable.OWNER_ROLES, errors);
		for (int i = 0; i < table.rules().size(); i++) {
			RoutingRule rule = table.rules().get(i);
			String at = "rules[" + i + "].";
			if (rule == null) {
				errors.add(new FieldError("rules[" + i + "]", "is null"));
				continue;
			}
			if (rule.category() == null && rule.severity() == null && rule.tier() == null) {
				// Most likely a misspelt criterion; a rule for everything is what the default is for.
				errors.add(new FieldError("rules[" + i + "]",
						"names no category, severity or tier; the default queue takes what no rule matches"));
			}
			optional(at + "category", rule.category(), "category", this.categories, errors);
			optional(at + "severity", rule.severity(), "severity", Severity.ALL, errors);
			optional(at + "tier", rule.tier(), "tier", this.tiers, errors);
			required(at + "department", rule.department(), "department", this.departments, errors);
			optional(at + "ownerRole", rule.ownerRole(), "owner role", RoutingTable.OWNER_ROLES, errors);
		}
		return errors;
	}

	private static void required(String field, @Nullable String value, String what, Collection<String> known,
			List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(field, "is required; one of " + known));
		}
		else {
			optional(field, value, what, known, errors);
		}
	}

	private static void optional(String field, @Nullable String value, String what, Collection<String> known,
			List<FieldError> errors) {
		if (value != null && !known.contains(value)) {
			errors.add(new FieldError(field, "unknown " + what + " '" + value + "'; known: " + known));
		}
	}

}
