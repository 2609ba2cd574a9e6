package io.feedbackloop.churn.profile;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.FeedbackKind;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The {@code customer_profiles} collection: one document per customer, {@code _id} the customer id.
 *
 * <p>Why the counters stay exact without transactions: the change an event makes and the note that the
 * event was applied are one single-document write. The filter matches the profile only while its
 * {@code appliedEventIds} does not hold the event id, and the same update increments the counters and
 * pushes the id. Applied a second time, the update matches nothing; with upsert that turns into an
 * insert of an existing {@code _id} and fails with a duplicate key. That error means either "already
 * applied" or "the profile was created a moment ago by the other consumer thread" (feedback.intake and
 * complaint.cases are consumed concurrently), so the update is repeated once without upsert: matching
 * now means applied, matching nothing means already applied. Timestamps use {@code $min}/{@code $max},
 * so the order in which the two topics' events arrive does not matter.
 *
 * <p>Why a bounded list of ids is still exact: it is the second line of defence. The platform's
 * {@code processed_events} mark, kept for good, turns away every repeat once it is written; the list
 * only matters in the crash window between this write and that mark. The event in that window is
 * redelivered before any later event of its partition (Kafka resumes at the last committed offset, at
 * or before it), so in between only events of the customer's other topics can be applied: far fewer
 * than {@value #REMEMBERED_EVENTS}. Offsets per partition were not used instead: an upstream service
 * that republishes an event after its own crash (same id, new offset) would be counted twice, and a
 * recreated topic, whose offsets start at zero again, would be ignored.
 */
@Component
public class ProfileStore {

	static final String COLLECTION = "customer_profiles";

	static final int REMEMBERED_EVENTS = 100;

	private static final List<String> SENTIMENTS = List.of("negative", "neutral", "positive");

	private final MongoCollection<Document> profiles;

	private final Clock clock;

	ProfileStore(MongoDatabase database, Clock clock) {
		this.profiles = database.getCollection(COLLECTION);
		this.clock = clock;
	}

	/** Whether {@link #apply} changed the profile or found the event applied before. */
	public enum Outcome {

		APPLIED, ALREADY_APPLIED

	}

	/**
	 * Applies the change an event makes to the customer's profile, creating the profile if needed,
	 * unless the event was applied to it before.
	 * @param eventId the event's id ({@code ce_id}), the same however often it is delivered
	 */
	public Outcome apply(CustomerId customer, String eventId, ProfileChange change) {
		Bson notYetApplied = Filters.and(Filters.eq("_id", customer.value()),
				Filters.ne(ProfileFields.APPLIED_EVENT_IDS, eventId));
		Bson update = toUpdate(eventId, change);
		try {
			this.profiles.updateOne(notYetApplied, update, new UpdateOptions().upsert(true));
			return Outcome.APPLIED;
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
		// The profile exists now (profiles are never deleted): either it holds the id, or it was
		// created concurrently and this event still has to be applied.
		UpdateResult retried = this.profiles.updateOne(notYetApplied, update);
		return (retried.getMatchedCount() > 0) ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
	}

	public Optional<CustomerProfile> find(CustomerId customer) {
		return Optional.ofNullable(this.profiles.find(Filters.eq("_id", customer.value())).first())
			.map(ProfileStore::fromDocument);
	}

	private Bson toUpdate(String eventId, ProfileChange change) {
		List<Bson> updates = new ArrayList<>();
		change.increments().forEach((field, by) -> updates.add(Updates.inc(field, by)));
		change.earliest().forEach((field, at) -> updates.add(Updates.min(field, date(at))));
		change.latest().forEach((field, at) -> updates.add(Updates.max(field, date(at))));
		change.values().forEach((field, value) -> updates.add(Updates.set(field, value)));
		updates.add(Updates.set(ProfileFields.UPDATED_AT, date(this.clock.instant())));
		updates.add(Updates.pushEach(ProfileFields.APPLIED_EVENT_IDS, List.of(eventId),
				new PushOptions().slice(-REMEMBERED_EVENTS)));
		return Updates.combine(updates);
	}

	private static Date date(Instant instant) {
		return Date.from(instant.truncatedTo(ChronoUnit.MILLIS));
	}

	static CustomerProfile fromDocument(Document d) {
		return new CustomerProfile(new CustomerId(d.getString("_id")), instant(d, ProfileFields.FIRST_CONTACT_AT),
				instant(d, ProfileFields.LAST_CONTACT_AT), count(d.get(ProfileFields.CONTACTS)),
				counts(d, ProfileFields.CONTACTS_BY_CHANNEL,
						Arrays.stream(Channel.values()).map(Channel::wireName).toList()),
				counts(d, ProfileFields.FEEDBACK_BY_KIND,
						Arrays.stream(FeedbackKind.values()).map(FeedbackKind::wireName).toList()),
				counts(d, ProfileFields.FEEDBACK_BY_SENTIMENT, SENTIMENTS),
				counts(d, ProfileFields.COMPLAINTS_BY_CATEGORY, List.of()), count(d.get(ProfileFields.OPEN_COMPLAINTS)),
				instant(d, ProfileFields.LAST_COMPLAINT_AT), d.getString(ProfileFields.LAST_CASE_ID),
				d.getDate(ProfileFields.UPDATED_AT).toInstant());
	}

	private static @Nullable Instant instant(Document d, String field) {
		Date date = d.getDate(field);
		return (date != null) ? date.toInstant() : null;
	}

	private static long count(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : 0;
	}

	/** The counters under {@code field}, the expected keys first and present with zero. */
	private static Map<String, Long> counts(Document d, String field, List<String> expected) {
		Map<String, Long> counts = new LinkedHashMap<>();
		expected.forEach((key) -> counts.put(key, 0L));
		Document stored = d.get(field, Document.class);
		if (stored != null) {
			stored.forEach((key, value) -> counts.put(key, count(value)));
		}
		return Collections.unmodifiableMap(counts);
	}

}
