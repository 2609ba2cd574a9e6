package io.feedbackloop.notification.staff;

/** The notices staff get, each with its template ({@code staff-assigned}, ...). */
public enum StaffNoticeType {

	/** A case was routed to the department. */
	ASSIGNED("staff-assigned"),

	/** A response timer passed a warning threshold. */
	SLA_WARNING("staff-sla-warning"),

	/** A promise was broken: a response timer ran out. */
	SLA_BREACHED("staff-sla-breached"),

	/** A case went up one level of the escalation ladder. */
	ESCALATED("staff-escalated");

	private final String template;

	StaffNoticeType(String template) {
		this.template = template;
	}

	public String template() {
		return this.template;
	}

}
