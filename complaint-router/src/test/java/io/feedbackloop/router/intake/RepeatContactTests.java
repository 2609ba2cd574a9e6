package io.feedbackloop.router.intake;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackClassified;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.RepeatContactRecorded;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.router.CaseTopic;
import io.feedbackloop.router.Cases;
import io.feedbackloop.router.Feedbacks;
import io.feedbackloop.router.cases.CaseStore;
import io.feedbackloop.router.cases.ComplaintCase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A customer who comes back about the same matter, on any channel, within the window, is counted on
 * the open case instead of opening another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RepeatContactTests {

	@Autowired
	CaseStore cases;

	@Autowired
	RepeatContacts repeatContacts;

	@Test
	void sameMatterAgainBySmsPhoneAndWebIsOneCaseWithTwoRepeatContacts() {
		FeedbackReceived sms = Feedbacks.received(Channel.SMS, "这个月话费被乱扣了58元，我要投诉", "zh");
		TestKafka.send(Feedbacks.event(sms));
		ComplaintCase opened = awaitCase(sms);
		FeedbackReceived phone = Feedbacks.from(sms.customerId(), Channel.PHONE, "话费还是多扣，投诉了三天还没人处理", "zh",
				sms.receivedAt().plus(Duration.ofDays(3)));
		FeedbackReceived web = Feedbacks.from(sms.customerId(), Channel.WEB,
				"I complained twice: I was overcharged on my bill and still nobody called", "en",
				sms.receivedAt().plus(Duration.ofDays(5)));
		TestKafka.send(Feedbacks.event(phone));
		TestKafka.send(Feedbacks.event(web));

		ComplaintCase after = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cases.find(opened.caseId()).orElseThrow(), (c) -> c.repeatContacts() == 2);
		assertThat(this.cases.findByFeedback(phone.feedbackId())).isEmpty();
		assertThat(this.cases.findByFeedback(web.feedbackId())).isEmpty();
		assertThat(after.lastContactAt()).isEqualTo(web.receivedAt());
		assertThat(after.history()).filteredOn((h) -> "repeat-contact".equals(h.action()))
			.extracting((h) -> h.details().get("channel"), (h) -> h.details().get("feedbackId"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("phone", phone.feedbackId().value()),
					org.assertj.core.groups.Tuple.tuple("web", web.feedbackId().value()));

		List<RepeatContactRecorded> repeats = CaseTopic.events(EventTypes.COMPLAINT_REPEAT_CONTACT,
				opened.caseId().value(), 2);
		assertThat(repeats).extracting(RepeatContactRecorded::channel, RepeatContactRecorded::repeatContacts,
				RepeatContactRecorded::matchedBy)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Channel.PHONE, 1, "category"),
					org.assertj.core.groups.Tuple.tuple(Channel.WEB, 2, "category"));
		assertThat(classified(phone).caseId()).isEqualTo(opened.caseId());
		assertThat(classified(web).caseId()).isEqualTo(opened.caseId());
		assertThat(CaseTopic.events(EventTypes.COMPLAINT_ROUTED, opened.caseId().value(), 1)).hasSize(1);
	}

	@Test
	void nearlyTheSameWordsCountAsTheSameMatterWhateverTheCategory() {
		FeedbackReceived first = Feedbacks.received(Channel.APP, "我要投诉，你们公司楼下的停车位又被员工的车占了两个小时，太差了",
				"zh");
		TestKafka.send(Feedbacks.event(first));
		ComplaintCase opened = awaitCase(first);
		FeedbackReceived again = Feedbacks.from(first.customerId(), Channel.PHONE, "投诉：公司楼下停车位又被员工的车占了两个小时，太差了！",
				"zh", first.receivedAt().plus(Duration.ofHours(2)));
		TestKafka.send(Feedbacks.event(again));

		assertThat(CaseTopic.events(EventTypes.COMPLAINT_REPEAT_CONTACT, opened.caseId().value(), 1)).singleElement()
			.satisfies((r) -> {
				assertThat(r.matchedBy()).isEqualTo("text-similarity");
				assertThat(r.feedbackId()).isEqualTo(again.feedbackId());
			});
	}

	@Test
	void redeliveredRepeatIsCountedOnce() {
		FeedbackReceived first = Feedbacks.received(Channel.SMS, "宽带又断了，我要投诉", "zh");
		TestKafka.send(Feedbacks.event(first));
		ComplaintCase opened = awaitCase(first);
		FeedbackReceived again = Feedbacks.from(first.customerId(), Channel.APP, "宽带还是断，光纤路由器红灯，太慢了", "zh",
				first.receivedAt().plus(Duration.ofDays(1)));
		Event<FeedbackReceived> event = Feedbacks.event(again);
		TestKafka.send(event);
		TestKafka.send(event);
		TestKafka.send(Feedbacks.event(again));
		// A later complaint of the same customer (same partition) tells us the repeats were consumed.
		FeedbackReceived other = Feedbacks.from(first.customerId(), Channel.APP, "I want to complain: the courier lost my parcel",
				"en", first.receivedAt().plus(Duration.ofDays(1)));
		TestKafka.send(Feedbacks.event(other));
		awaitCase(other);

		assertThat(this.cases.find(opened.caseId()).orElseThrow().repeatContacts()).isEqualTo(1);
		List<String> ids = CaseTopic.ids(EventTypes.COMPLAINT_REPEAT_CONTACT, opened.caseId().value(), 1);
		assertThat(ids).isNotEmpty();
		assertThat(new HashSet<>(ids)).hasSize(1);
	}

	@Test
	void theCaseAFeedbackOpenedIsNotItsOwnRepeat() {
		FeedbackReceived feedback = Feedbacks.received(Channel.WEB, "宽带又断了三次，我要投诉，赶紧派人来修", "zh");
		TestKafka.send(Feedbacks.event(feedback));
		ComplaintCase opened = awaitCase(feedback);

		// A second copy of the record, consumed at the same time (a redelivery in a rebalance), got past the
		// "handled before?" look-up just before the first copy opened the case: it finds that case, its own.
		Optional<ComplaintCase> linked = this.repeatContacts.link(feedback, opened.classification(),
				feedback.receivedAt());

		assertThat(linked).hasValueSatisfying((c) -> assertThat(c.caseId()).isEqualTo(opened.caseId()));
		ComplaintCase after = this.cases.find(opened.caseId()).orElseThrow();
		assertThat(after.repeatContacts()).isZero();
		assertThat(after.version()).isEqualTo(opened.version());
	}

	@Test
	void anotherMatterAComplaintAfterTheWindowAndAComplaintAfterClosingOpenNewCases() {
		FeedbackReceived billing = Feedbacks.received(Channel.SMS, "话费乱扣，我要投诉", "zh");
		TestKafka.send(Feedbacks.event(billing));
		ComplaintCase opened = awaitCase(billing);
		FeedbackReceived network = Feedbacks.from(billing.customerId(), Channel.PHONE, "我要投诉，手机信号太差，一直掉线", "zh",
				billing.receivedAt().plus(Duration.ofDays(1)));
		FeedbackReceived late = Feedbacks.from(billing.customerId(), Channel.SMS, "话费又被乱扣了，投诉", "zh",
				billing.receivedAt().plus(Duration.ofDays(8)));
		TestKafka.send(Feedbacks.event(network));
		TestKafka.send(Feedbacks.event(late));

		assertThat(awaitCase(network).caseId()).isNotEqualTo(opened.caseId());
		assertThat(awaitCase(late).caseId()).isNotEqualTo(opened.caseId());
		assertThat(this.cases.find(opened.caseId()).orElseThrow().repeatContacts()).isZero();

		ComplaintCase closed = Cases.stored(this.cases, CaseStatus.CLOSED, null);
		FeedbackReceived afterClosing = Feedbacks.from(closed.customerId(), Channel.PHONE, "我要投诉，手机信号太差，一直掉线",
				"zh", closed.lastContactAt().plus(Duration.ofHours(1)));
		TestKafka.send(Feedbacks.event(afterClosing));
		assertThat(awaitCase(afterClosing).caseId()).isNotEqualTo(closed.caseId());
	}

	@Test
	void theCustomerComingBackResumesACaseWaitingForThemAndReopensTheInvestigationAfterTheRemedy() {
		ComplaintCase waiting = Cases.stored(this.cases, CaseStatus.WAITING_FOR_CUSTOMER, CaseStatus.INVESTIGATING);
		ComplaintCase remedied = Cases.stored(this.cases, CaseStatus.REMEDY_CARRIED_OUT, null);
		FeedbackReceived answer = Feedbacks.from(waiting.customerId(), Channel.SMS, "我要投诉，手机信号还是太差，一直掉线",
				"zh", waiting.lastContactAt().plus(Duration.ofHours(1)));
		FeedbackReceived notFixed = Feedbacks.from(remedied.customerId(), Channel.APP, "投诉：手机信号还是太差，一直掉线，根本没修好",
				"zh", remedied.lastContactAt().plus(Duration.ofHours(1)));
		TestKafka.send(Feedbacks.event(answer));
		TestKafka.send(Feedbacks.event(notFixed));

		ComplaintCase resumed = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cases.find(waiting.caseId()).orElseThrow(), (c) -> c.repeatContacts() == 1);
		ComplaintCase reinvestigated = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cases.find(remedied.caseId()).orElseThrow(), (c) -> c.repeatContacts() == 1);

		assertThat(resumed.status()).isEqualTo(CaseStatus.INVESTIGATING);
		assertThat(resumed.pausedFrom()).isNull();
		assertThat(resumed.assignee()).isEqualTo(waiting.assignee());
		assertThat(reinvestigated.status()).isEqualTo(CaseStatus.INVESTIGATING);
		assertThat(List.of(resumed, reinvestigated)).allSatisfy((c) -> assertThat(c.history().get(c.history().size() - 1))
			.satisfies((h) -> {
				assertThat(h.action()).isEqualTo(ComplaintCase.HistoryEntry.TRANSITION);
				assertThat(h.actor()).isEqualTo("system");
				assertThat(h.note()).startsWith("the customer c");
			}));
		assertThat(CaseTopic.events(EventTypes.COMPLAINT_STATUS_CHANGED, waiting.caseId().value(), 1)).singleElement()
			.satisfies((e) -> {
				assertThat(e.fromStatus()).isEqualTo(CaseStatus.WAITING_FOR_CUSTOMER);
				assertThat(e.toStatus()).isEqualTo(CaseStatus.INVESTIGATING);
			});
		assertThat(CaseTopic.events(EventTypes.COMPLAINT_STATUS_CHANGED, remedied.caseId().value(), 1)).singleElement()
			.satisfies((e) -> assertThat(e.note()).contains("after the remedy"));
	}

	@Test
	void aComplaintWrittenBeforeThePauseAndConsumedLateIsCountedButResumesNothing() {
		ComplaintCase waiting = Cases.stored(this.cases, CaseStatus.WAITING_FOR_CUSTOMER, CaseStatus.INVESTIGATING);
		FeedbackReceived late = Feedbacks.from(waiting.customerId(), Channel.SMS, "我要投诉，手机信号还是太差，一直掉线", "zh",
				waiting.statusChangedAt().minus(Duration.ofMinutes(10)));
		TestKafka.send(Feedbacks.event(late));

		ComplaintCase after = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cases.find(waiting.caseId()).orElseThrow(), (c) -> c.repeatContacts() == 1);

		assertThat(after.status()).isEqualTo(CaseStatus.WAITING_FOR_CUSTOMER);
		assertThat(after.pausedFrom()).isEqualTo(CaseStatus.INVESTIGATING);
	}

	@Test
	void textSimilarityTellsTheSameMatterFromAnother() {
		assertThat(TextSimilarity.cosine("我要投诉，你们的营业厅排队两个小时，太差了", "投诉：营业厅排队两个小时，太差了！")).isGreaterThan(0.7);
		// Sharing only "我要投诉" stays below the default threshold of 0.5.
		assertThat(TextSimilarity.cosine("我要投诉，手机信号太差，一直掉线", "话费乱扣，我要投诉")).isLessThan(0.5);
		assertThat(TextSimilarity.cosine("The router keeps dropping the connection",
				"the ROUTER keeps dropping the connection!")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(TextSimilarity.cosine("", "anything")).isZero();
	}

	private ComplaintCase awaitCase(FeedbackReceived feedback) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cases.findByOpeningOrLinkedFeedback(feedback.feedbackId()), Optional::isPresent)
			.orElseThrow();
	}

	private static FeedbackClassified classified(FeedbackReceived feedback) {
		return CaseTopic.events(EventTypes.FEEDBACK_CLASSIFIED, feedback.feedbackId().value(), 1).get(0);
	}

}
