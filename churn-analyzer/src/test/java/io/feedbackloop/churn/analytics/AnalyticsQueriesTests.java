package io.feedbackloop.churn.analytics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.feedbackloop.churn.CustomerEvents;
import io.feedbackloop.churn.profile.ChurnProperties;
import io.feedbackloop.churn.profile.ProfileChanges;
import io.feedbackloop.churn.profile.ProfileStore;
import io.feedbackloop.churn.winloss.WinLossLog;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.contracts.WinLossOutcome;
import io.feedbackloop.contracts.WinLossReason;
import io.feedbackloop.contracts.WinLossRecorded;
import io.feedbackloop.platform.EventPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Runs every query the README documents (the {@code js} blocks named by their first comment line)
 * against the MongoDB-wire server, on a database of its own filled with customers whose answers are
 * known, so the documentation stays true.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalyticsQueriesTests {

	private static final Pattern QUERY = Pattern
		.compile("```js\\n// ([a-z-]+)\\ndb\\.([a-z_]+)\\.aggregate\\((\\[.*?\\])\\)\\n```", Pattern.DOTALL);

	private static final Instant T0 = CustomerEvents.RECEIVED_AT;

	@Autowired
	MongoClient client;

	@Autowired
	EventPublisher publisher;

	MongoDatabase database;

	Map<String, List<Document>> results;

	@BeforeEach
	void seedAndRunTheDocumentedQueries() throws IOException {
		this.database = this.client.getDatabase("churn_docs_" + UUID.randomUUID().toString().substring(0, 8));
		seed();
		this.results = new LinkedHashMap<>();
		String readme = Files.readString(Path.of("README.md"));
		Matcher matcher = QUERY.matcher(readme);
		while (matcher.find()) {
			List<Document> pipeline = Document.parse("{\"pipeline\": " + matcher.group(3) + "}")
				.getList("pipeline", Document.class);
			this.results.put(matcher.group(1),
					this.database.getCollection(matcher.group(2)).aggregate(pipeline).into(new ArrayList<>()));
		}
	}

	@Test
	void everyDocumentedQueryRuns() {
		assertThat(this.results).containsOnlyKeys("retention-by-complaint-outcome", "loss-reasons-by-month",
				"surveys-by-month", "loyalty", "at-risk-by-tier");
	}

	@Test
	void retentionByComplaintOutcome() {
		assertThat(this.results.get("retention-by-complaint-outcome"))
			.extracting((d) -> d.get("_id") + " " + d.get("customers") + " " + d.get("retained") + " "
					+ number(d, "retainedPercent"))
			.containsExactly("none 2 1 50", "resolved 1 1 100", "resolved-within-target 1 1 100",
					"unresolved 2 1 50");
	}

	@Test
	void lossReasonsByMonth() {
		assertThat(this.results.get("loss-reasons-by-month"))
			.extracting((d) -> d.get("_id", Document.class).getString("month") + " "
					+ d.get("_id", Document.class).getString("reason") + " " + d.get("losses"))
			.containsExactly("2026-10 price 1", "2026-11 competitor 2");
	}

	@Test
	void surveysByMonth() {
		List<Document> rows = this.results.get("surveys-by-month");
		assertThat(rows).extracting((d) -> d.get("_id", Document.class).getString("type")).containsExactly("csat", "nps");
		assertThat(((Number) rows.get(0).get("average")).doubleValue()).isCloseTo(11 / 3.0, within(0.01));
		assertThat(((Number) rows.get(0).get("csatSatisfiedPercent")).doubleValue()).isCloseTo(200 / 3.0, within(0.01));
		assertThat(((Number) rows.get(1).get("nps")).doubleValue()).isCloseTo(100 / 3.0, within(0.01));
	}

	@Test
	void trueVersusFalseLoyalty() {
		assertThat(this.results.get("loyalty"))
			.extracting((d) -> d.get("_id") + " " + d.get("customers") + " " + number(d, "lookingElsewhere"))
			.containsExactly("false 2 1", "true 1 0", "unproven 1 0");
	}

	@Test
	void atRiskByTier() {
		assertThat(this.results.get("at-risk-by-tier")).extracting((d) -> d.get("_id") + " " + d.get("customers"))
			.containsExactly("vip 2", "gold 1");
	}

	private void seed() {
		ProfileStore profiles = ProfileStore.in(this.database.getCollection("customer_profiles"), Clock.systemUTC(),
				ChurnProperties.defaults());
		WinLossLog log = WinLossLog.in(this.database, "win_loss", this.publisher, Clock.systemUTC(),
				new SimpleMeterRegistry());
		SurveyAnswerLog surveys = SurveyAnswerLog.in(this.database.getCollection("survey_answers"));
		Instant october = Instant.parse("2026-10-15T10:00:00Z");
		Instant november = Instant.parse("2026-11-15T10:00:00Z");

		CustomerId quietWon = customer(profiles, log, WinLossOutcome.WON, WinLossReason.PRICE, november);
		CustomerId quietLost = customer(profiles, log, WinLossOutcome.LOST, WinLossReason.PRICE, october);
		CustomerId unresolvedLost = CustomerEvents.newCustomer();
		complaint(profiles, unresolvedLost, false, false);
		record(profiles, log, unresolvedLost, WinLossOutcome.LOST, WinLossReason.COMPETITOR, november);
		CustomerId unresolvedWon = CustomerEvents.newCustomer();
		complaint(profiles, unresolvedWon, false, false);
		record(profiles, log, unresolvedWon, WinLossOutcome.WON, WinLossReason.PRICE, november);
		profiles.apply(unresolvedWon, "e-mention", ProfileChanges.received(
				CustomerEvents.saying(unresolvedWon, "联通的套餐更便宜", T0), ChurnProperties.defaults()));
		CustomerId resolvedWon = CustomerEvents.newCustomer();
		complaint(profiles, resolvedWon, true, false);
		record(profiles, log, resolvedWon, WinLossOutcome.WON, WinLossReason.SERVICE_FAILURE, november);
		CustomerId quickWon = CustomerEvents.newCustomer();
		complaint(profiles, quickWon, true, true);
		FeedbackReceived praise = CustomerEvents.feedback(quickWon, Channel.APP);
		profiles.apply(quickWon, "e-praise", ProfileChanges.classified(CustomerEvents.classifiedAsPraise(praise).data()));
		record(profiles, log, quickWon, WinLossOutcome.WON, WinLossReason.SERVICE_FAILURE, november);
		// A loss of a customer without a profile yet: in win_loss only.
		log.keep(winLoss(CustomerEvents.newCustomer(), WinLossOutcome.LOST, WinLossReason.COMPETITOR, november));
		for (int score : new int[] { 5, 4, 2 }) {
			surveys.keep("e-csat-" + score, CustomerEvents.surveyAnswer(quickWon, score, november));
		}
		for (int score : new int[] { 10, 9, 3 }) {
			FeedbackReceived nps = new FeedbackReceived(praise.feedbackId(), Channel.WEB, "survey-nps-" + score,
					quickWon, praise.contact(), november, november.plus(Duration.ofSeconds(1)),
					"How likely are you to recommend us: " + score + " out of 10", "en");
			surveys.keep("e-nps-" + score, nps);
		}
		profiles.collection()
			.updateMany(Filters.in("_id", unresolvedLost.value(), unresolvedWon.value()),
					Updates.combine(Updates.set(ProfileStore.RISK_EPISODE_OPEN, true), Updates.set("valueTier", "vip")));
		profiles.collection()
			.updateOne(Filters.eq("_id", quietLost.value()),
					Updates.combine(Updates.set(ProfileStore.RISK_EPISODE_OPEN, true), Updates.set("valueTier", "gold")));
		assertThat(profiles.find(quietWon)).isPresent();
	}

	private static CustomerId customer(ProfileStore profiles, WinLossLog log, WinLossOutcome outcome,
			WinLossReason reason, Instant at) {
		CustomerId customer = CustomerEvents.newCustomer();
		profiles.apply(customer, "e-contact-" + customer, ProfileChanges.received(
				CustomerEvents.feedback(customer, Channel.PHONE), ChurnProperties.defaults()));
		record(profiles, log, customer, outcome, reason, at);
		return customer;
	}

	private static void record(ProfileStore profiles, WinLossLog log, CustomerId customer, WinLossOutcome outcome,
			WinLossReason reason, Instant at) {
		WinLossRecorded recorded = winLoss(customer, outcome, reason, at);
		log.keep(recorded);
		profiles.apply(customer, "e-" + recorded.recordId(), ProfileChanges.winLoss(recorded));
	}

	private static WinLossRecorded winLoss(CustomerId customer, WinLossOutcome outcome, WinLossReason reason,
			Instant at) {
		return new WinLossRecorded("WL-" + UUID.randomUUID(), customer, null, null, null, null, null, "mobile plan",
				outcome,
				reason, null, (outcome == WinLossOutcome.LOST) ? "call back" : null,
				(outcome == WinLossOutcome.WON) ? "good network" : null, "analyst-1", false, at);
	}

	private static void complaint(ProfileStore profiles, CustomerId customer, boolean closed, boolean withinTarget) {
		FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.PHONE);
		profiles.apply(customer, "e-c-" + feedback.feedbackId(),
				ProfileChanges.classified(CustomerEvents.classifiedAsComplaint(feedback, "network").data()));
		profiles.apply(customer, "e-r-" + feedback.feedbackId(),
				ProfileChanges.routed(CustomerEvents.routed(feedback, "network").data()));
		if (closed) {
			profiles.apply(customer, "e-s-" + feedback.feedbackId(), ProfileChanges.statusChanged(CustomerEvents
				.statusChanged(feedback, CaseStatus.ASSIGNED, CaseStatus.CLOSED, 4, T0.plus(Duration.ofHours(5)))
				.data()));
		}
		if (withinTarget) {
			profiles.apply(customer, "e-m-" + feedback.feedbackId(), ProfileChanges.slaMet(
					CustomerEvents.slaMet(feedback, SlaTimerKind.RESOLUTION, T0.plus(Duration.ofHours(5))).data()));
		}
	}

	private static String number(Document d, String field) {
		Object value = d.get(field);
		return (value instanceof Number n) ? String.valueOf(Math.round(n.doubleValue())) : String.valueOf(value);
	}

}
