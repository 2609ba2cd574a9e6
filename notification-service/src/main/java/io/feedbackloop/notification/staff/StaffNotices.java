package io.feedbackloop.notification.staff;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.notification.cases.KnownCase;
import io.feedbackloop.notification.channel.ChannelType;
import io.feedbackloop.notification.channel.Recipient;
import io.feedbackloop.notification.delivery.Audience;
import io.feedbackloop.notification.delivery.Deliveries;
import io.feedbackloop.notification.delivery.Delivery;
import io.feedbackloop.notification.delivery.DeliveryRequest;
import io.feedbackloop.notification.templates.LocalTexts;
import io.feedbackloop.notification.templates.LocalTimes;
import io.feedbackloop.notification.templates.RenderedMessage;
import io.feedbackloop.notification.templates.TemplateCatalog;
import io.feedbackloop.notification.templates.TemplateDefinition;
import org.jspecify.annotations.Nullable;

/**
 * Notices to the department that owns a case, the same way for every notice type: the template of
 * the type in the department's language, to its e-mail addresses, its webhook and, for an
 * escalation, the addresses of that level; one delivery per (event, recipient, template). Staff
 * notices are not paced: a breach at night is exactly what the night shift must hear about.
 */
public class StaffNotices {

	static final Set<String> VARIABLES = Set.of("reference", "department", "category", "customerId", "dueTime",
			"level", "consequence");

	/**
	 * What a timer running out means, by timer and language ({@code consequence}): only the first response and
	 * the periodic update are promises to the customer; the internal target comes before the promise.
	 */
	private static final Map<SlaTimerKind, Map<String, String>> CONSEQUENCES = Map.of(SlaTimerKind.FIRST_RESPONSE,
			Map.of("en", "the promise to the customer of a first response was not kept", "zh", "对客户首次答复的承诺未能兑现"),
			SlaTimerKind.PERIODIC_UPDATE,
			Map.of("en", "the update promised to the customer was not given", "zh", "承诺给客户的进展通知未按时发出"),
			SlaTimerKind.INTERNAL_TARGET,
			Map.of("en", "this was the team's internal target, ahead of the time promised to the customer: answer now "
					+ "to keep that promise", "zh", "这是早于对客户承诺时间的内部目标，请立即答复，以兑现对客户的承诺"),
			SlaTimerKind.RESOLUTION,
			Map.of("en", "the case was not resolved by its target", "zh", "案件未在目标时间内办结"));

	private final StaffProperties properties;

	private final TemplateCatalog templates;

	private final Deliveries deliveries;

	private final ZoneId zone;

	StaffNotices(StaffProperties properties, TemplateCatalog templates, Deliveries deliveries, ZoneId zone) {
		this.properties = properties;
		this.templates = templates;
		this.deliveries = deliveries;
		this.zone = zone;
	}

	static TemplateDefinition definition(StaffNoticeType type) {
		return TemplateDefinition.message(type.template(), VARIABLES);
	}

	/**
	 * Queues a notice to the case's department.
	 * @param eventId the event asking for it: part of the delivery ids
	 * @param level the escalation level, for {@link StaffNoticeType#ESCALATED} (and any notice that
	 * has one)
	 * @param timer the response timer a breach notice is about (its {@code consequence}), if any
	 * @param dueAt the deadline the notice is about; the case's first-response due time when absent
	 * @param since when the need arose, for the delivery latency
	 * @return the deliveries queued; none when the department has no contacts
	 */
	public List<Delivery> notify(String eventId, StaffNoticeType type, KnownCase known, @Nullable Integer level,
			@Nullable SlaTimerKind timer, @Nullable Instant dueAt, Instant since) {
		StaffProperties.Department department = this.properties.departments().get(known.department());
		if (department == null) {
			return List.of();
		}
		String language = this.templates.languageFor((department.language() != null) ? department.language() : "");
		Instant due = (dueAt != null) ? dueAt : known.firstResponseDueAt();
		String levelText = (level != null) ? String.valueOf(level) : "";
		RenderedMessage message = this.templates.render(type.template(), language,
				Map.of("reference", known.caseId(), "department", known.department(), "category", known.category(),
						"customerId", known.customerId(), "dueTime", LocalTimes.format(due, language, this.zone),
						"level", levelText, "consequence",
						(timer != null) ? LocalTexts.inLanguage(CONSEQUENCES.get(timer), language) : ""));
		Map<String, String> data = new LinkedHashMap<>();
		data.put("notice", type.template());
		data.put("caseId", known.caseId());
		data.put("customerId", known.customerId());
		data.put("department", known.department());
		data.put("category", known.category());
		data.put("dueAt", due.toString());
		if (level != null) {
			data.put("level", levelText);
		}
		if (timer != null) {
			data.put("timer", timer.wireName());
		}
		DeliveryRequest request = new DeliveryRequest(eventId, known.caseId(), known.customerId(), Audience.STAFF,
				type.template(), language, since, null);
		List<Delivery> queued = new ArrayList<>();
		for (Recipient recipient : recipients(department, level)) {
			queued.add(this.deliveries.enqueue(request, recipient, message, data));
		}
		return queued;
	}

	private static Set<Recipient> recipients(StaffProperties.Department department, @Nullable Integer level) {
		Set<Recipient> recipients = new LinkedHashSet<>();
		department.emails().forEach((address) -> recipients.add(new Recipient(ChannelType.EMAIL, address)));
		if (level != null) {
			department.escalation()
				.getOrDefault(level, List.of())
				.forEach((address) -> recipients.add(new Recipient(ChannelType.EMAIL, address)));
		}
		if (department.webhook() != null) {
			URI url = department.webhook().url();
			recipients.add(new Recipient(ChannelType.WEBHOOK, url.toString()));
		}
		return recipients;
	}

}
