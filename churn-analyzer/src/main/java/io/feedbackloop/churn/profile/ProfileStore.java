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
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.FeedbackKind;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import jakarta.annotation.PostConstruct;

import org.springframework.beans.factory.annotation.Autowired;
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

	/** Derived fields are rewritten at most this often per change when other changes keep overtaking. */
	private static final int REFRESH_ATTEMPTS = 5;

	private final MongoCollection<Document> profiles;

	private final Clock clock;

	private final ChurnProperties properties;

	@Autowired
	ProfileStore(MongoDatabase database, Clock clock, ChurnProperties properties) {
		this(database.getCollection(COLLECTION), clock, properties);
	}

	private ProfileStore(MongoCollection<Document> profiles, Clock clock, ChurnProperties properties) {
		this.profiles = profiles;
		this.clock = clock;
		this.properties = properties;
	}

	/** A store writing another collection. */
	public static ProfileStore in(MongoCollection<Document> profiles, Clock clock, ChurnProperties properties) {
		ProfileStore store = new ProfileStore(profiles, clock, properties);
		store.createIndexes();
		return store;
	}

	/** The index the at-risk list reads: open episodes by customer value, then score. */
	@PostConstruct
	void createIndexes() {
		createIndexes(this.profiles);
	}

	static void createIndexes(MongoCollection<Document> profiles) {
		profiles.createIndex(Indexes.compoundIndex(Indexes.ascending(RISK_EPISODE_OPEN),
				Indexes.descending(ProfileFields.HEALTH + ".valueRank"), Indexes.descending(RISK_SCORE)));
		profiles.createIndex(Indexes.ascending(ProfileFields.HEALTH + ".complaintOutcome"));
	}

	/** {@code riskEpisode.open}: whether the customer is in an at-risk episode. */
	public static final String RISK_EPISODE_OPEN = "riskEpisode.open";

	/** {@code riskEpisode.number}: episodes started so far. */
	public static final String RISK_EPISODE_NUMBER = "riskEpisode.number";

	/** {@code risk.score}: the churn-risk score, 0 to 100. */
	public static final String RISK_SCORE = ProfileFields.RISK + ".score";

	public MongoCollection<Document> collection() {
		return this.profiles;
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
		return applyAndGet(customer, eventId, change).outcome();
	}

	/**
	 * What {@link #apply} did and the profile it left.
	 * @param profile the profile after the change with its derived fields, {@code null} when the event
	 * was applied before (or the derived fields kept being overtaken by the other consumer thread)
	 */
	public record Applied(Outcome outcome, @Nullable Document profile) {

	}

	/**
	 * {@link #apply}, returning the profile as written: one {@code findOneAndUpdate} applies the change
	 * and returns the facts, the derived fields are computed from them in memory and written (only
	 * when they changed), so the caller need not read the profile again.
	 */
	public Applied applyAndGet(CustomerId customer, String eventId, ProfileChange change) {
		Bson update = toUpdate(eventId, change, date(this.clock.instant()));
		Document after = write(Filters.and(Filters.eq("_id", customer.value()),
				Filters.ne(ProfileFields.APPLIED_EVENT_IDS, eventId)), update);
		if (after == null) {
			return new Applied(Outcome.ALREADY_APPLIED, null);
		}
		return new Applied(Outcome.APPLIED, refresh(customer, after));
	}

	private @Nullable Document write(Bson notYetApplied, Bson update) {
		try {
			return this.profiles.findOneAndUpdate(notYetApplied, update,
					new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
		}
		catch (MongoServerException ex) {
			if (ErrorCategory.fromErrorCode(ex.getCode()) != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
		// The profile exists now (profiles are never deleted): either it holds the id, or it was
		// created concurrently and this event still has to be applied.
		return this.profiles.findOneAndUpdate(notYetApplied, update,
				new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
	}

	/**
	 * Rewrites the derived fields ({@code health}, {@code risk}, {@code openComplaints}, {@code lastCaseId})
	 * from the facts.
	 * The write is conditional on the revision it derived from: when the other consumer thread changed
	 * the profile in between, that thread derives again from the newer facts, and so does this one
	 * (reading again), so the last derived values always belong to the latest facts.
	 * @return the derived values written, empty for an unknown customer
	 */
	public Optional<ProfileHealth.Derived> refresh(CustomerId customer) {
		return document(customer).map((current) -> refresh(customer, current))
			.map((written) -> ProfileHealth.derive(written, this.properties));
	}

	/**
	 * Derives from {@code current} (the profile as read or as returned by the change's write) and
	 * writes the derived fields unless they are stored already.
	 * @return the profile with the derived fields written, {@code null} when still overtaken
	 */
	private @Nullable Document refresh(CustomerId customer, Document current) {
		for (int attempt = 0; attempt < REFRESH_ATTEMPTS; attempt++) {
			ProfileHealth.Derived derived = ProfileHealth.derive(current, this.properties);
			Document health = derived.health();
			Document risk = derived.risk();
			String lastCaseId = derived.lastCaseId();
			if (health.equals(current.get(ProfileFields.HEALTH)) && risk.equals(current.get(ProfileFields.RISK))
					&& current.get(ProfileFields.OPEN_COMPLAINTS) instanceof Number open
					&& open.longValue() == derived.openComplaints()
					&& (lastCaseId == null || lastCaseId.equals(current.get(ProfileFields.LAST_CASE_ID)))
					&& (derived.lastOutcome() == null
							|| derived.lastOutcome().equals(current.get(ProfileFields.LAST_OUTCOME)))
					&& (derived.lastLossReason() == null
							|| derived.lastLossReason().equals(current.get(ProfileFields.LAST_LOSS_REASON)))) {
				return current;
			}
			Bson sameRevision = Filters.and(Filters.eq("_id", customer.value()),
					Filters.eq(ProfileFields.REVISION, current.get(ProfileFields.REVISION)));
			List<Bson> sets = new ArrayList<>(List.of(Updates.set(ProfileFields.HEALTH, health),
					Updates.set(ProfileFields.RISK, risk), Updates.set(ProfileFields.OPEN_COMPLAINTS, derived.openComplaints())));
			if (lastCaseId != null) {
				sets.add(Updates.set(ProfileFields.LAST_CASE_ID, lastCaseId));
			}
			if (derived.lastOutcome() != null) {
				sets.add(Updates.set(ProfileFields.LAST_OUTCOME, derived.lastOutcome()));
			}
			if (derived.lastLossReason() != null) {
				sets.add(Updates.set(ProfileFields.LAST_LOSS_REASON, derived.lastLossReason()));
			}
			UpdateResult written = this.profiles.updateOne(sameRevision, Updates.combine(sets));
			if (written.getMatchedCount() > 0) {
				putDerived(current, derived);
				return current;
			}
			Document reread = document(customer).orElse(null);
			if (reread == null) {
				return null;
			}
			current = reread;
		}
		// Still overtaken: the change that overtook it refreshes after its own write.
		return null;
	}

	/**
	 * The derived fields put in a profile held in memory, as {@link #refresh} writes them:
	 * {@code lastCaseId} only once there is a case (it never goes back to none), {@code lastOutcome} and
	 * {@code lastLossReason} only once there are outcomes to derive them from.
	 */
	static void putDerived(Document profile, ProfileHealth.Derived derived) {
		profile.put(ProfileFields.HEALTH, derived.health());
		profile.put(ProfileFields.RISK, derived.risk());
		profile.put(ProfileFields.OPEN_COMPLAINTS, derived.openComplaints());
		if (derived.lastCaseId() != null) {
			profile.put(ProfileFields.LAST_CASE_ID, derived.lastCaseId());
		}
		if (derived.lastOutcome() != null) {
			profile.put(ProfileFields.LAST_OUTCOME, derived.lastOutcome());
		}
		if (derived.lastLossReason() != null) {
			profile.put(ProfileFields.LAST_LOSS_REASON, derived.lastLossReason());
		}
	}

	/** The profile document as stored, for the risk watch and rebuild checks. */
	public Optional<Document> document(CustomerId customer) {
		return Optional.ofNullable(this.profiles.find(Filters.eq("_id", customer.value())).first());
	}

	public Optional<CustomerProfile> find(CustomerId customer) {
		return Optional.ofNullable(this.profiles.find(Filters.eq("_id", customer.value())).first())
			.map(ProfileStore::fromDocument);
	}

	/**
	 * The write that applies {@code change} and records {@code eventId}. {@link ProfileBatch} does the
	 * same in memory ({@link #applyInMemory}): change one, change the other.
	 */
	private static Bson toUpdate(String eventId, ProfileChange change, Date now) {
		List<Bson> updates = new ArrayList<>();
		change.increments().forEach((field, by) -> updates.add(Updates.inc(field, by)));
		change.earliest().forEach((field, at) -> updates.add(Updates.min(field, date(at))));
		change.latest().forEach((field, at) -> updates.add(Updates.max(field, date(at))));
		change.values().forEach((field, value) -> updates.add(Updates.set(field, value)));
		change.pushes()
			.forEach((field, push) -> updates.add(Updates.pushEach(field, List.of(push.value()),
					new PushOptions().slice(-push.keep()))));
		updates.add(Updates.inc(ProfileFields.REVISION, 1));
		updates.add(Updates.set(ProfileFields.UPDATED_AT, now));
		updates.add(Updates.pushEach(ProfileFields.APPLIED_EVENT_IDS, List.of(eventId),
				new PushOptions().slice(-REMEMBERED_EVENTS)));
		return Updates.combine(updates);
	}

	/**
	 * {@link #toUpdate} applied to a profile held in memory, with the server's semantics: {@code $inc}
	 * of a 64-bit number (the revision's of a 32-bit one), {@code $min}/{@code $max} of dates,
	 * {@code $set} creating the sub-documents of a dotted path, {@code $push} with a negative
	 * {@code $slice}. The document then reads as the server would have stored it.
	 */
	static void applyInMemory(Document profile, String eventId, ProfileChange change, Date now) {
		change.increments().forEach((field, by) -> inc(profile, field, by));
		change.earliest().forEach((field, at) -> keep(profile, field, date(at), true));
		change.latest().forEach((field, at) -> keep(profile, field, date(at), false));
		change.values().forEach((field, value) -> parent(profile, field).put(leaf(field), value));
		change.pushes().forEach((field, push) -> push(profile, field, push.value(), push.keep()));
		inc(profile, ProfileFields.REVISION, 1);
		profile.put(ProfileFields.UPDATED_AT, now);
		push(profile, ProfileFields.APPLIED_EVENT_IDS, eventId, REMEMBERED_EVENTS);
	}

	/** Whether the profile (as read or held in memory) remembers the event as applied. */
	static boolean isApplied(Document profile, String eventId) {
		return profile.get(ProfileFields.APPLIED_EVENT_IDS) instanceof List<?> applied && applied.contains(eventId);
	}

	private static void inc(Document profile, String field, Number by) {
		Document parent = parent(profile, field);
		Object current = parent.get(leaf(field));
		Number sum;
		if (current instanceof Integer i && by instanceof Integer b) {
			sum = i + b;
		}
		else if (current instanceof Number n) {
			sum = n.longValue() + by.longValue();
		}
		else {
			sum = by;
		}
		parent.put(leaf(field), sum);
	}

	private static void keep(Document profile, String field, Date at, boolean earliest) {
		Document parent = parent(profile, field);
		Object current = parent.get(leaf(field));
		if (!(current instanceof Date stored) || (earliest ? at.before(stored) : at.after(stored))) {
			parent.put(leaf(field), at);
		}
	}

	private static void push(Document profile, String field, Object value, int keep) {
		Document parent = parent(profile, field);
		List<Object> list = new ArrayList<>();
		if (parent.get(leaf(field)) instanceof List<?> stored) {
			list.addAll(stored);
		}
		list.add(value);
		parent.put(leaf(field), new ArrayList<>(list.subList(Math.max(0, list.size() - keep), list.size())));
	}

	/** The sub-document holding a dotted path's last field, created as {@code $set} would. */
	private static Document parent(Document profile, String field) {
		Document parent = profile;
		int from = 0;
		for (int dot = field.indexOf('.'); dot >= 0; dot = field.indexOf('.', from)) {
			String key = field.substring(from, dot);
			if (!(parent.get(key) instanceof Document child)) {
				Document created = new Document();
				parent.put(key, created);
				parent = created;
			}
			else {
				parent = child;
			}
			from = dot + 1;
		}
		return parent;
	}

	private static String leaf(String field) {
		return field.substring(field.lastIndexOf('.') + 1);
	}

	static Date date(Instant instant) {
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
				count(d.get(ProfileFields.SLA_BREACHES)), counts(d, ProfileFields.SLA_BREACHES_BY_TIMER, List.of()),
				count(d.get(ProfileFields.COMPETITOR_MENTIONS)), counts(d, ProfileFields.COMPETITORS_NAMED, List.of()),
				count(d.get(ProfileFields.PORTING_MENTIONS)), d.getString(ProfileFields.VALUE_TIER),
				count(d.get(ProfileFields.WINS)), count(d.get(ProfileFields.LOSSES)),
				d.getString(ProfileFields.LAST_OUTCOME), plain(d.get(ProfileFields.HEALTH, Document.class)),
				plain(d.get(ProfileFields.RISK, Document.class)), riskEpisodeOpen(d),
				d.getDate(ProfileFields.UPDATED_AT).toInstant());
	}

	static boolean riskEpisodeOpen(Document d) {
		Document episode = d.get("riskEpisode", Document.class);
		return episode != null && Boolean.TRUE.equals(episode.getBoolean("open"));
	}

	/** A stored sub-document as plain JSON-friendly values, in stored order. */
	private static Map<String, Object> plain(@Nullable Document d) {
		if (d == null) {
			return Map.of();
		}
		Map<String, Object> plain = new LinkedHashMap<>();
		d.forEach((key, value) -> plain.put(key, (value instanceof Document sub) ? plain(sub) : value));
		return Collections.unmodifiableMap(plain);
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
