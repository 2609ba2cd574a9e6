package io.feedbackloop.router.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.router.sla.calendar.WorkingTime;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How a timer is stored in {@code sla_timers} and its hints in {@code sla_schedule}: what is written, and that
 * it is read back as it was.
 */
class TimerStoreMappingTests {

	private final SlaRules rules = SlaFixtures.rules(SlaFixtures.critical(), SlaFixtures.standard());

	private final Instant received = Instant.parse("2026-11-23T02:00:00Z");

	@Test
	void aFiredTimersHistoryIsStoredAsOneStringPerFiringAndReadBackUnchanged() {
		CaseTimer fired = firedAt(25).stored(3, 42L);

		Document document = TimerStore.toDocument(fired);

		assertThat(document.getList("history", Object.class)).containsExactly(
				"0|warning-50|" + hours(12).toEpochMilli() + "|" + hours(25).toEpochMilli() + "|true",
				"0|warning-75|" + hours(18).toEpochMilli() + "|" + hours(25).toEpochMilli() + "|true",
				"0|breach|" + hours(24).toEpochMilli() + "|" + hours(25).toEpochMilli() + "|false",
				"0|escalation-1|" + hours(24).toEpochMilli() + "|" + hours(25).toEpochMilli() + "|false");
		CaseTimer read = TimerStore.fromDocument(document);
		assertThat(read.history()).isEqualTo(fired.history());
		assertThat(read).isEqualTo(fired);
	}

	@Test
	void aHistoryStoredAsSubDocumentsTheFormatBeforeIsStillRead() {
		CaseTimer fired = firedAt(25).stored(3, 42L);
		Document document = TimerStore.toDocument(fired);
		document.put("history", fired.history()
			.stream()
			.map((f) -> new Document("cycle", f.cycle()).append("step", f.step())
				.append("scheduledAt", Date.from(f.scheduledAt()))
				.append("firedAt", Date.from(f.firedAt()))
				.append("latenessMs", Duration.between(f.scheduledAt(), f.firedAt()).toMillis())
				.append("skipped", f.skipped()))
			.toList());

		assertThat(TimerStore.fromDocument(document).history()).isEqualTo(fired.history());
	}

	@Test
	void aStepKeyWithTheSeparatorInItIsReadBackWhole() {
		CaseTimer.Firing firing = new CaseTimer.Firing(2, "odd|key", hours(1), hours(2), false);

		assertThat(TimerStore.firingOf(TimerStore.firingToString(firing))).isEqualTo(firing);
	}

	@Test
	void aMalformedHistoryEntryIsRejectedNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> TimerStore.firingOf("0|breach|12"))
			.withMessageContaining("sla_timers.history");
	}

	@Test
	void aHintIsStoredAsOneStringAndReadBackWithTheBucketItCameFrom() {
		TimerStore.Hint hint = new TimerStore.Hint("2026-11-23T02:00:00Z/03", "CMP-1|odd/first-response", -42L,
				hours(24));

		String stored = TimerStore.hintToString(hint);

		assertThat(stored).isEqualTo("CMP-1|odd/first-response|-42|" + hours(24).toEpochMilli());
		assertThat(TimerStore.hintOf(hint.bucketId(), stored)).isEqualTo(hint);
	}

	@Test
	void aHintStoredAsASubDocumentTheFormatBeforeIsStillRead() {
		Document before = new Document("t", "CMP-1/first-response").append("r", 7L).append("at", Date.from(hours(24)));

		assertThat(TimerStore.hintOf("b", before))
			.isEqualTo(new TimerStore.Hint("b", "CMP-1/first-response", 7L, hours(24)));
	}

	@Test
	void aMalformedHintIsRejectedNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> TimerStore.hintOf("b", "CMP-1/first-response|7"))
			.withMessageContaining("sla_schedule.entries");
		assertThatIllegalArgumentException().isThrownBy(() -> TimerStore.hintOf("b", "CMP-1|x|12"))
			.withMessageContaining("sla_schedule.entries");
		assertThatIllegalArgumentException().isThrownBy(() -> TimerStore.hintOf("b", 42L))
			.withMessageContaining("sla_schedule.entries");
	}

	private CaseTimer firedAt(long hours) {
		CaseTimer timer = SlaFixtures.started(this.rules, SlaFixtures.facts("customer-service", "network"),
				SlaTimerKind.FIRST_RESPONSE, this.received);
		List<CaseTimer.PlannedStep> due = timer.dueSteps(hours(hours), WorkingTime.WALL_CLOCK);
		return timer.withFired(0, due, hours(hours), WorkingTime.WALL_CLOCK);
	}

	private Instant hours(long hours) {
		return this.received.plus(Duration.ofHours(hours));
	}

}
