package io.feedbackloop.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintResponded;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventType;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackClassified;
import io.feedbackloop.contracts.FeedbackId;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.SlaBreached;
import io.feedbackloop.contracts.SlaMet;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.contracts.Topic;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.contracts.WinLossOutcome;
import io.feedbackloop.contracts.WinLossReason;
import io.feedbackloop.contracts.WinLossRecorded;

/**
 * Events of the real contracts, in the order the platform would write them, for {@code customers}
 * customers (a few complain much more than most): a feedback arrives every 20 s of simulated time and
 * is a complaint (55 %: received, classified, routed; answered within hours for most; closed within
 * 1–72 h for 80 %, some reopened and closed again, the rest left open; the resolution target met or
 * breached, the first-response target breached for a quarter; some naming a competitor or threatening
 * to port the number), praise, a suggestion or an inquiry (20 %: received, classified), a CSAT or NPS
 * survey answer (20 %: received, classified), or a win/loss record (5 %). A case's later events come
 * when they are due, hours or days later in the stream, as they would. Deterministic (seeded).
 */
final class CustomerStories {

	private static final Duration BETWEEN_FEEDBACK = Duration.ofSeconds(20);

	private static final Contact CONTACT = new Contact("王女士", "+8613800138000", null);

	private static final String[] COMPLAINTS = { "这个月话费乱扣了50元，我要投诉", "家里宽带又断了，三天了还没人来修",
			"5G信号太差，地下车库完全没有信号", "营业厅工作人员态度很差", "联通的套餐比你们便宜多了，再乱扣费我就换",
			"再这样我就携号转网", "I was charged twice for roaming this month", "switching to another carrier if this goes on" };

	private static final String[] CATEGORIES = { "billing", "network", "network", "service", "billing", "billing",
			"billing", "network" };

	private static final String[] TIERS = { "standard", "standard", "standard", "gold", "vip" };

	private final int customers;

	private final Random random = new Random(20261122);

	private final PriorityQueue<Due> due = new PriorityQueue<>();

	private Instant now = Instant.parse("2026-06-01T00:00:00Z");

	private long item;

	private long sequence;

	CustomerStories(int customers) {
		this.customers = customers;
	}

	/** An event and the topic its one writer puts it on. */
	record Written(Topic topic, Event<?> event) {

	}

	private record Due(Instant at, long sequence, Written written) implements Comparable<Due> {

		@Override
		public int compareTo(Due other) {
			int byTime = this.at.compareTo(other.at);
			return (byTime != 0) ? byTime : Long.compare(this.sequence, other.sequence);
		}

	}

	/** The next event in time. */
	Written next() {
		while (this.due.isEmpty() || this.due.peek().at().isAfter(this.now)) {
			this.now = this.now.plus(BETWEEN_FEEDBACK);
			story();
		}
		return this.due.poll().written();
	}

	private void story() {
		long n = this.item++;
		// a few customers complain much more than most
		CustomerId customer = new CustomerId(
				"CUST-" + (10_000_000 + (int) (this.customers * Math.pow(this.random.nextDouble(), 1.6))));
		String tier = TIERS[Math.floorMod(customer.value().hashCode(), TIERS.length)];
		double roll = this.random.nextDouble();
		Channel channel = Channel.values()[this.random.nextInt(Channel.values().length)];
		FeedbackId feedbackId = new FeedbackId("FB-" + n);
		Instant at = this.now;
		if (roll < 0.55) {
			int which = this.random.nextInt(COMPLAINTS.length);
			complaint(customer, tier, channel, feedbackId, at, COMPLAINTS[which], CATEGORIES[which]);
		}
		else if (roll < 0.75) {
			FeedbackKind kind = List.of(FeedbackKind.PRAISE, FeedbackKind.SUGGESTION, FeedbackKind.INQUIRY)
				.get(this.random.nextInt(3));
			String text = switch (kind) {
				case PRAISE -> "营业厅的李经理服务很好，非常感谢";
				case SUGGESTION -> "建议增加一个家庭共享流量的套餐";
				default -> "请问国际漫游怎么开通？";
			};
			FeedbackReceived feedback = new FeedbackReceived(feedbackId, channel, channel.wireName() + "-" + n, customer,
					CONTACT, at.minusSeconds(30), at, text, "zh");
			emit(at, Topics.FEEDBACK_INTAKE, EventTypes.FEEDBACK_RECEIVED, feedbackId.value(), customer, feedback);
			classified(feedback, kind, "general", (kind == FeedbackKind.PRAISE) ? "positive" : "neutral", null);
		}
		else if (roll < 0.95) {
			boolean nps = this.random.nextBoolean();
			int score = nps ? this.random.nextInt(11) : 1 + this.random.nextInt(5);
			String text = nps ? "How likely are you to recommend us? " + score + " out of 10"
					: "Satisfaction survey score: " + score + " out of 5 for the handling of your complaint";
			FeedbackReceived answer = new FeedbackReceived(feedbackId, Channel.WEB, "survey-" + n, customer, CONTACT,
					at.minusSeconds(1), at, text, "en");
			emit(at, Topics.FEEDBACK_INTAKE, EventTypes.FEEDBACK_RECEIVED, feedbackId.value(), customer, answer);
			boolean happy = nps ? score >= 9 : score >= 4;
			classified(answer, happy ? FeedbackKind.PRAISE : FeedbackKind.SUGGESTION, "survey",
					happy ? "positive" : "neutral", null);
		}
		else {
			boolean won = this.random.nextDouble() < 0.6;
			WinLossReason reason = WinLossReason.values()[this.random.nextInt(WinLossReason.values().length - 1)];
			WinLossRecorded record = new WinLossRecorded("WL-" + n, customer, "王女士", tier, "sales-3",
					"customer since 2019", null, "5G family plan, 3 lines", won ? WinLossOutcome.WON : WinLossOutcome.LOST,
					reason, null, won ? null : "a family discount and a free month", won ? "the family discount" : null,
					"analyst-" + (n % 7), false, at);
			emit(at, Topics.CUSTOMER_SIGNALS, EventTypes.CUSTOMER_WIN_LOSS_RECORDED, record.recordId(), customer,
					record);
		}
	}

	private void complaint(CustomerId customer, String tier, Channel channel, FeedbackId feedbackId, Instant at,
			String text, String category) {
		FeedbackReceived feedback = new FeedbackReceived(feedbackId, channel, channel.wireName() + "-" + this.item,
				customer, CONTACT, at.minusSeconds(60), at, text, "zh");
		emit(at, Topics.FEEDBACK_INTAKE, EventTypes.FEEDBACK_RECEIVED, feedbackId.value(), customer, feedback);
		CaseId caseId = new CaseId("C-" + feedbackId.value());
		classified(feedback, FeedbackKind.COMPLAINT, category, "negative", caseId);
		Instant routedAt = at.plusSeconds(2);
		emit(routedAt, Topics.COMPLAINT_CASES, EventTypes.COMPLAINT_ROUTED, caseId.value(), customer,
				new ComplaintRouted(caseId, feedbackId, customer, channel, CONTACT, "zh", category, category, at,
						at.plus(Duration.ofHours(24)), routedAt));
		if (this.random.nextDouble() < 0.75) {
			Instant respondedAt = at.plus(Duration.ofMinutes(10 + this.random.nextInt(600)));
			emit(respondedAt, Topics.COMPLAINT_CASES, EventTypes.COMPLAINT_RESPONDED, caseId.value(), customer,
					new ComplaintResponded(caseId, customer, "agent-" + this.random.nextInt(50), "phone", true,
							respondedAt, CaseStatus.INVESTIGATING));
		}
		else {
			Instant firedAt = at.plus(Duration.ofHours(24));
			emit(firedAt, Topics.COMPLAINT_CASES, EventTypes.SLA_BREACHED, caseId.value(), customer,
					new SlaBreached(caseId, customer, category, category, null, tier, SlaTimerKind.FIRST_RESPONSE,
							"default", 0, firedAt, firedAt.plusMillis(5), 5));
		}
		if (this.random.nextDouble() < 0.2) {
			return; // still open
		}
		Instant closedAt = at.plus(Duration.ofMinutes(60 + this.random.nextInt(72 * 60)));
		emit(closedAt, Topics.COMPLAINT_CASES, EventTypes.COMPLAINT_STATUS_CHANGED, caseId.value(), customer,
				new ComplaintStatusChanged(caseId, customer, CaseStatus.REMEDY_CARRIED_OUT, CaseStatus.CLOSED, "agent-7",
						"agent", null, null, 5, closedAt));
		Instant resolutionDue = at.plus(Duration.ofHours(48));
		if (closedAt.isAfter(resolutionDue)) {
			emit(resolutionDue, Topics.COMPLAINT_CASES, EventTypes.SLA_BREACHED, caseId.value(),
					customer, new SlaBreached(caseId, customer, category, category, null, tier, SlaTimerKind.RESOLUTION,
							"default", 0, resolutionDue, resolutionDue.plusMillis(5), 5));
		}
		else {
			emit(closedAt, Topics.COMPLAINT_CASES, EventTypes.SLA_MET, caseId.value(), customer,
					new SlaMet(caseId, customer, category, category, null, tier, SlaTimerKind.RESOLUTION, "default", 0,
							resolutionDue, closedAt));
		}
		if (this.random.nextDouble() < 0.1) {
			Instant reopenedAt = closedAt.plus(Duration.ofDays(3));
			emit(reopenedAt, Topics.COMPLAINT_CASES, EventTypes.COMPLAINT_STATUS_CHANGED, caseId.value(),
					customer, new ComplaintStatusChanged(caseId, customer, CaseStatus.CLOSED, CaseStatus.REOPENED,
							"supervisor-2", "supervisor", "customer called again", null, 6, reopenedAt));
			Instant closedAgain = reopenedAt.plus(Duration.ofDays(1));
			emit(closedAgain, Topics.COMPLAINT_CASES, EventTypes.COMPLAINT_STATUS_CHANGED, caseId.value(),
					customer, new ComplaintStatusChanged(caseId, customer, CaseStatus.REOPENED, CaseStatus.CLOSED,
							"agent-7", "agent", null, null, 7, closedAgain));
		}
	}

	private void classified(FeedbackReceived feedback, FeedbackKind kind, String category, String sentiment,
			CaseId caseId) {
		Instant at = feedback.receivedAt().plusSeconds(1);
		emit(at, Topics.COMPLAINT_CASES, EventTypes.FEEDBACK_CLASSIFIED, feedback.feedbackId().value(),
				feedback.customerId(),
				new FeedbackClassified(feedback.feedbackId(), feedback.customerId(), feedback.channel(), kind, category,
						0.9, sentiment, feedback.language(), "bench", caseId, at));
	}

	private <T> void emit(Instant at, Topic topic, EventType<T> type, String subject, CustomerId customer, T data) {
		String source = (topic == Topics.FEEDBACK_INTAKE) ? "/feedback-ingest"
				: (topic == Topics.CUSTOMER_SIGNALS) ? "/churn-analyzer" : "/complaint-router";
		Event<T> event = EventCodec.event(type, EventCodec.derivedId(type.name(), subject, String.valueOf(this.sequence)), source, at, subject,
				customer, data);
		this.due.add(new Due(at, this.sequence++, new Written(topic, event)));
	}

}
