package io.feedbackloop.router.severity;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.RepeatContactRecorded;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.router.CaseTopic;
import io.feedbackloop.router.Feedbacks;
import io.feedbackloop.router.cases.CaseStore;
import io.feedbackloop.router.cases.ComplaintCase;
import io.feedbackloop.router.routing.CustomerTiers;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Severity from intake to the SLA timers, through the real broker and MongoDB-wire server: a case opens
 * with its assessed severity and reasons, complaint.routed.v1 carries severity and tier, the timers run
 * the policy they select, and a repeat contact raises the case one level.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SeverityIntakeTests {

	@Autowired
	CaseStore cases;

	@Autowired
	CustomerTiers tiers;

	@Autowired
	MongoDatabase database;

	@Test
	void aThreatToGoToTheRegulatorOpensACriticalCaseOnTheCriticalPolicy() {
		FeedbackReceived feedback = Feedbacks.received(Channel.PHONE, "信号太差一个星期了，再不处理我就去工信部投诉", "zh");
		TestKafka.send(Feedbacks.event(feedback));

		ComplaintCase opened = awaitCase(feedback);
		assertThat(opened.severity()).isEqualTo("critical");
		assertThat(opened.severityReasons()).containsExactly("regulator: 工信部 → critical");
		ComplaintRouted routed = CaseTopic.events(EventTypes.COMPLAINT_ROUTED, opened.caseId().value(), 1).get(0);
		assertThat(routed.severity()).isEqualTo("critical");
		assertThat(routed.tier()).isEqualTo("standard");
		assertThat(awaitTimer(opened, "first-response").getString("policyId")).isEqualTo("critical");
	}

	@Test
	void aVipCustomersComplaintIsRaisedOneLevelAndRunsTheVipPolicy() {
		FeedbackReceived feedback = Feedbacks.received(Channel.APP, "宽带又断了，装维一直不上门", "zh");
		this.tiers.set(feedback.customerId(), "vip", "test");
		TestKafka.send(Feedbacks.event(feedback));

		ComplaintCase opened = awaitCase(feedback);
		assertThat(opened.severity()).isEqualTo("high");
		assertThat(opened.severityReasons()).containsExactly("no threat or hazard in the text: normal",
				"customer tier vip: normal → high");
		ComplaintRouted routed = CaseTopic.events(EventTypes.COMPLAINT_ROUTED, opened.caseId().value(), 1).get(0);
		assertThat(routed.tier()).isEqualTo("vip");
		assertThat(awaitTimer(opened, "first-response").getString("policyId")).isEqualTo("vip");
	}

	@Test
	void aRepeatContactRaisesTheOpenCaseAndItsTimersRecompute() {
		FeedbackReceived first = Feedbacks.received(Channel.SMS, "这个月话费被乱扣了58元，我要投诉", "zh");
		TestKafka.send(Feedbacks.event(first));
		ComplaintCase opened = awaitCase(first);
		assertThat(opened.severity()).isEqualTo("normal");
		awaitTimer(opened, "resolution");

		FeedbackReceived again = Feedbacks.from(first.customerId(), Channel.PHONE, "话费还是多扣，投诉了三天还没人处理", "zh",
				first.receivedAt().plus(Duration.ofDays(1)));
		TestKafka.send(Feedbacks.event(again));

		ComplaintCase raised = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cases.find(opened.caseId()).orElseThrow(), (c) -> c.repeatContacts() == 1);
		assertThat(raised.severity()).isEqualTo("high");
		assertThat(raised.severityReasons()).containsExactly("no threat or hazard in the text: normal",
				"repeat contact 1 via phone: normal → high");
		assertThat(raised.history()).filteredOn((h) -> "severity-raised".equals(h.action()))
			.singleElement()
			.satisfies((h) -> {
				assertThat(h.details()).containsEntry("fromSeverity", "normal").containsEntry("severity", "high");
				assertThat(h.note()).isEqualTo("repeat contact 1 via phone: normal → high");
			});
		List<RepeatContactRecorded> repeats = CaseTopic.events(EventTypes.COMPLAINT_REPEAT_CONTACT,
				opened.caseId().value(), 1);
		assertThat(repeats).singleElement().extracting(RepeatContactRecorded::severity).isEqualTo("high");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> awaitTimer(opened, "resolution").getString("severity"), "high"::equals);
	}

	private ComplaintCase awaitCase(FeedbackReceived feedback) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cases.findByOpeningOrLinkedFeedback(feedback.feedbackId()), Optional::isPresent)
			.orElseThrow();
	}

	private Document awaitTimer(ComplaintCase c, String timer) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> this.database.getCollection("sla_timers")
				.find(Filters.eq("_id", c.caseId().value() + "/" + timer))
				.first(), (d) -> d != null);
	}

}
