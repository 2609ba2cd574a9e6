package io.feedbackloop.notification.customer;

import java.util.Map;

import io.feedbackloop.contracts.CaseStatus;
import org.jspecify.annotations.Nullable;

import static io.feedbackloop.notification.templates.LocalTexts.inLanguage;

/**
 * The words the notice templates fill in that depend on the event: what a status means to the
 * customer, how an agent reached them, what closing a case without a note means. In every template
 * language; another language gets English.
 */
final class CustomerNoticeTexts {

	private static final Map<CaseStatus, Map<String, String>> PROGRESS = Map.of(CaseStatus.ASSIGNED,
			Map.of("zh", "已转交负责部门，正在处理中", "en", "has been passed to the department responsible, which is handling it"),
			CaseStatus.INVESTIGATING,
			Map.of("zh", "正在由负责部门调查处理", "en", "is being looked into by the department responsible"),
			CaseStatus.REMEDY_PROPOSED,
			Map.of("zh", "已有处理方案，我们将与您确认", "en", "has a proposed remedy, which we will confirm with you"),
			CaseStatus.REMEDY_APPROVED,
			Map.of("zh", "的处理方案已获批准，正在落实", "en", "has an approved remedy, which is being carried out"),
			CaseStatus.REMEDY_CARRIED_OUT,
			Map.of("zh", "的处理方案已落实", "en", "has had its remedy carried out"), CaseStatus.WAITING_FOR_CUSTOMER,
			Map.of("zh", "需要您的补充信息，我们会与您联系", "en", "needs more information from you; we will be in touch"),
			CaseStatus.REOPENED,
			Map.of("zh", "已重新受理，负责部门将继续处理", "en", "has been reopened and the department responsible is handling it again"));

	private static final Map<String, Map<String, String>> MEDIUM = Map.of("phone",
			Map.of("zh", "电话", "en", "phone"), "sms", Map.of("zh", "短信", "en", "text message"), "email",
			Map.of("zh", "电子邮件", "en", "e-mail"), "in-person", Map.of("zh", "面谈", "en", "in person"));

	/** Where a case stands when its status says nothing more (received, in triage; an event without it). */
	private static final Map<String, String> HANDLED = Map.of("zh", "正在处理中", "en", "is being handled");

	private static final Map<String, String> RESOLVED = Map.of("zh", "问题已处理完毕", "en",
			"the matter has been resolved");

	private static final Map<String, String> SILENCE = Map.of("zh", "处理方案落实后，我们未再收到您的反馈，视为问题已解决", "en",
			"we have not heard from you since the remedy was carried out, so we take the matter as resolved");

	private static final Map<String, String> NO_COMPLAINT = Map.of("zh", "您反映的情况不属于投诉受理范围", "en",
			"what you told us is not something we handle as a complaint");

	private CustomerNoticeTexts() {
	}

	static boolean describes(CaseStatus status) {
		return PROGRESS.containsKey(status);
	}

	static String progress(CaseStatus status, String language) {
		return inLanguage(PROGRESS.getOrDefault(status, Map.of("en", status.wireName())), language);
	}

	/** Where the case stands, for a note to the customer: its progress, or that it is being handled. */
	static String standing(@Nullable CaseStatus status, String language) {
		return (status != null && describes(status)) ? progress(status, language) : inLanguage(HANDLED, language);
	}

	static String medium(String medium, String language) {
		Map<String, String> names = MEDIUM.get(medium);
		return (names != null) ? inLanguage(names, language) : medium;
	}

	/** What was done, in the agent's words when they gave some, without a closing full stop. */
	static String outcome(@Nullable String note, String language) {
		return agentsWords(note, RESOLVED, language);
	}

	/** Closed by the service after the customer's silence: its note is for staff, in English. */
	static String closedBySilence(String language) {
		return inLanguage(SILENCE, language);
	}

	/** Why a case is no complaint, in the agent's words, without a closing full stop. */
	static String explanation(@Nullable String note, String language) {
		return agentsWords(note, NO_COMPLAINT, language);
	}

	/** The note without a closing full stop (the template ends the sentence), or {@code otherwise}. */
	private static String agentsWords(@Nullable String note, Map<String, String> otherwise, String language) {
		if (note == null || note.isBlank()) {
			return inLanguage(otherwise, language);
		}
		return note.strip().replaceAll("[。.！!]+$", "");
	}

}
