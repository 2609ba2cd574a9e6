package io.feedbackloop.churn.winloss;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.feedbackloop.churn.profile.CustomerProfile;
import io.feedbackloop.churn.profile.ProfileListener;
import io.feedbackloop.churn.profile.ProfileStore;
import io.feedbackloop.churn.system.IdempotencyKeyReusedException;
import io.feedbackloop.churn.system.RequestInProgressException;
import io.feedbackloop.churn.system.ValidationException;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.WinLossOutcome;
import io.feedbackloop.contracts.WinLossReason;
import io.feedbackloop.contracts.WinLossRecorded;
import io.feedbackloop.platform.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import jakarta.annotation.PostConstruct;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The win/loss log. A record is checked, published ({@code customer.win-loss-recorded.v1},
 * {@code acks=all}) and then kept in {@code win_loss}, {@code _id} its record id. The same record is
 * kept again when the event comes back from {@code customer.signals} (as a {@link ProfileListener}):
 * a replace by id, so it changes nothing, and a rebuild from the topic gets every record.
 *
 * <p>A client that may send a record again (a retry after a timeout) names it with an
 * {@code Idempotency-Key}: the record id is then derived from the customer and the key, so the repeat
 * finds the record kept and gets it back instead of a second record (and a second event).
 */
@Component
public class WinLossLog implements ProfileListener {

	static final String COLLECTION = "win_loss";

	/** Record ids being published by a request with an idempotency key, see {@link #claim}. */
	static final String CLAIMS = "win_loss_requests";

	/** How long a claim holds off another request with the same key: well beyond a publish's timeout. */
	static final Duration CLAIM_LEASE = Duration.ofSeconds(60);

	static final int MAX_TEXT = 4000;

	static final String LOSSES = "feedbackloop.churn.losses";

	/** The header a client names a request with, so that sending it again records it once. */
	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final Pattern IDEMPOTENCY_KEY_FORMAT = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

	private final MongoCollection<Document> records;

	private final MongoCollection<Document> claims;

	private final EventPublisher publisher;

	private final Clock clock;

	private final MeterRegistry meters;

	/** The platform's own history of a customer, kept with a new record (none for a rebuild's log). */
	private final Function<CustomerId, Optional<WinLossRecorded.ServiceHistory>> histories;

	@Autowired
	WinLossLog(MongoDatabase database, EventPublisher publisher, Clock clock, MeterRegistry meters,
			ProfileStore profiles) {
		this(database.getCollection(COLLECTION), database.getCollection(CLAIMS), publisher, clock, meters,
				(customer) -> profiles.find(customer).flatMap(CustomerProfile::serviceHistory));
		// Every reason from zero, so that dashboards show the taxonomy before the first loss.
		for (WinLossReason reason : WinLossReason.values()) {
			meters.counter(LOSSES, "reason", reason.wireName());
		}
	}

	private WinLossLog(MongoCollection<Document> records, MongoCollection<Document> claims, EventPublisher publisher,
			Clock clock, MeterRegistry meters, Function<CustomerId, Optional<WinLossRecorded.ServiceHistory>> histories) {
		this.histories = histories;
		this.records = records;
		this.claims = claims;
		this.publisher = publisher;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * A log writing another collection of the database, such as the fresh one a rebuild fills (it never
	 * publishes, and keeps the records as their events tell them).
	 */
	public static WinLossLog in(MongoDatabase database, String collection, EventPublisher publisher, Clock clock,
			MeterRegistry meters) {
		WinLossLog log = new WinLossLog(database.getCollection(collection), database.getCollection(CLAIMS), publisher,
				clock, meters, (customer) -> Optional.empty());
		log.createIndexes();
		return log;
	}

	@PostConstruct
	void createIndexes() {
		this.records.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.descending("recordedAt")));
		this.records.createIndex(Indexes.ascending("outcome", "month", "reason"));
	}

	/**
	 * What {@link #record} did.
	 * @param record the record as published: a new one, or the original when {@code repeat}
	 * @param repeat whether the request repeated one recorded before with the same idempotency key
	 */
	public record Recorded(WinLossRecorded record, boolean repeat) {

	}

	/**
	 * Checks, publishes and keeps a record; answers it as kept. With an idempotency key the record id is
	 * derived from the customer and the key, so a repeat (a client's retry after a timeout) finds the
	 * record kept the first time and answers it without publishing again.
	 * @param idempotencyKey the client's {@code Idempotency-Key}, if it sent one
	 * @throws IdempotencyKeyReusedException when the key was used for the customer with a different record
	 * @throws RequestInProgressException when a request with the same key is publishing its record
	 */
	public Recorded record(WinLossRequest request, @Nullable String idempotencyKey) {
		WinLossRecorded recorded = validate(request, idempotencyKey);
		if (idempotencyKey == null) {
			return new Recorded(publishAndKeep(recorded), false);
		}
		Document before = kept(recorded);
		if (before != null) {
			// The record is kept (by the request before, or from its event): a claim a failed request left is done.
			this.claims.deleteOne(Filters.and(Filters.eq("_id", recorded.recordId()),
					Filters.lte("leaseUntil", Date.from(this.clock.instant()))));
			return new Recorded(repeated(recorded, before), true);
		}
		Claim claim = claim(recorded);
		boolean recordKept = false;
		try {
			// The request that held the claim a moment ago may have kept the record since.
			Document meanwhile = kept(recorded);
			if (meanwhile != null) {
				recordKept = true;
				return new Recorded(repeated(recorded, meanwhile), true);
			}
			// One that failed or died may have published its record all the same (a publish that timed out
			// can still reach Kafka): this one publishes that very record again, not one of its own.
			WinLossRecorded record = publishAndKeep(
					(claim.record() != null) ? repeated(recorded, claim.record()) : recorded);
			recordKept = true;
			return new Recorded(record, false);
		}
		finally {
			// Only this request's claim: one that outlived its lease may have been taken over meanwhile. With the
			// record kept, it goes; else it stays with its record for the next request, free to be taken at once.
			Bson mine = Filters.and(Filters.eq("_id", recorded.recordId()), Filters.eq("owner", claim.owner()));
			if (recordKept) {
				this.claims.deleteOne(mine);
			}
			else {
				this.claims.updateOne(mine, Updates.set("leaseUntil", Date.from(this.clock.instant())));
			}
		}
	}

	private @Nullable Document kept(WinLossRecorded recorded) {
		return this.records.find(Filters.eq("_id", recorded.recordId())).first();
	}

	/**
	 * A request's hold on a record id while it publishes.
	 * @param owner this request's token, which releases the claim
	 * @param record the record a request before this one set out to publish under the id (and may have), if any
	 */
	private record Claim(String owner, @Nullable Document record) {
	}

	/**
	 * Claims a record id for this request while it publishes, so that two requests with the same key at
	 * the same moment publish one record: the other one is told to come back. The claim holds the record
	 * to be published, so that a claim left by a request that failed or died (its lease over) is taken
	 * over with the record it may have published.
	 * @throws RequestInProgressException when another request holds the claim
	 */
	private Claim claim(WinLossRecorded recorded) {
		String recordId = recorded.recordId();
		Instant now = this.clock.instant();
		String owner = UUID.randomUUID().toString();
		Date leaseUntil = Date.from(now.plus(CLAIM_LEASE));
		try {
			this.claims.insertOne(new Document("_id", recordId).append("owner", owner)
				.append("leaseUntil", leaseUntil)
				.append("record", document(recorded)));
			return new Claim(owner, null);
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
		Document abandoned = this.claims.findOneAndUpdate(
				Filters.and(Filters.eq("_id", recordId), Filters.lte("leaseUntil", Date.from(now))),
				Updates.combine(Updates.set("owner", owner), Updates.set("leaseUntil", leaseUntil)));
		if (abandoned == null) {
			Document held = this.claims.find(Filters.eq("_id", recordId)).first();
			Instant until = (held != null) ? held.getDate("leaseUntil").toInstant() : now;
			throw new RequestInProgressException(IDEMPOTENCY_KEY, Duration.between(now, until));
		}
		Document record = abandoned.get("record", Document.class);
		if (record == null) {
			// a claim of an earlier version holds no record: from now on it holds the one this request publishes
			this.claims.updateOne(Filters.and(Filters.eq("_id", recordId), Filters.eq("owner", owner)),
					Updates.set("record", document(recorded)));
		}
		return new Claim(owner, record);
	}

	private WinLossRecorded publishAndKeep(WinLossRecorded recorded) {
		this.publisher.publishAndWait(EventCodec.event(EventTypes.CUSTOMER_WIN_LOSS_RECORDED,
				EventCodec.derivedId(EventTypes.CUSTOMER_WIN_LOSS_RECORDED.name(), recorded.recordId()), "/churn-analyzer",
				recorded.recordedAt(), recorded.recordId(), recorded.customerId(), recorded));
		keep(recorded);
		if (recorded.outcome() == WinLossOutcome.LOST) {
			this.meters.counter(LOSSES, "reason", recorded.reason().wireName()).increment();
		}
		return recorded;
	}

	/**
	 * The original record when {@code again} (checked a moment ago) says the same as the one kept under
	 * its id: everything but when it was recorded and the service history kept with it.
	 */
	private static WinLossRecorded repeated(WinLossRecorded again, Document kept) {
		WinLossRecorded original = new WinLossRecorded(again.recordId(), again.customerId(), again.customerName(),
				again.valueTier(), again.salesOwnerId(), again.history(),
				serviceHistory(kept.get("serviceHistory", Document.class)), again.business(), again.outcome(),
				again.reason(), again.reasonText(), again.winBack(), again.keeps(), again.askedBy(),
				again.askedBySalesOwner(), kept.getDate("recordedAt").toInstant());
		if (!document(original).equals(kept)) {
			throw new IdempotencyKeyReusedException(IDEMPOTENCY_KEY);
		}
		return original;
	}

	@Override
	public void changed(CustomerId customer, Event<?> event) {
		event.dataAs(EventTypes.CUSTOMER_WIN_LOSS_RECORDED).ifPresent(this::keep);
	}

	public void keep(WinLossRecorded r) {
		this.records.replaceOne(Filters.eq("_id", r.recordId()), document(r), new ReplaceOptions().upsert(true));
	}

	/**
	 * {@link #changed} for many events at once (a rebuild's chunk): the records among them kept with
	 * one unordered bulk write.
	 */
	public void keepAll(Collection<Event<?>> events) {
		List<ReplaceOneModel<Document>> writes = new ArrayList<>();
		ReplaceOptions upsert = new ReplaceOptions().upsert(true);
		for (Event<?> event : events) {
			event.dataAs(EventTypes.CUSTOMER_WIN_LOSS_RECORDED)
				.ifPresent((r) -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", r.recordId()), document(r), upsert)));
		}
		if (!writes.isEmpty()) {
			this.records.bulkWrite(writes, new BulkWriteOptions().ordered(false));
		}
	}

	private static Document document(WinLossRecorded r) {
		Document document = new Document("_id", r.recordId()).append("customerId", r.customerId().value())
			.append("customerName", r.customerName())
			.append("valueTier", r.valueTier())
			.append("salesOwnerId", r.salesOwnerId())
			.append("history", r.history())
			.append("business", r.business())
			.append("outcome", r.outcome().wireName())
			.append("reason", r.reason().wireName())
			.append("reasonText", r.reasonText())
			.append("winBack", r.winBack())
			.append("keeps", r.keeps())
			.append("askedBy", r.askedBy())
			.append("askedBySalesOwner", r.askedBySalesOwner())
			.append("recordedAt", Date.from(r.recordedAt()))
			.append("month", MONTH.format(r.recordedAt()));
		if (r.serviceHistory() != null) {
			// absent, not null, when there is none: a record kept before there was any compares the same
			document.append("serviceHistory", document(r.serviceHistory()));
		}
		return document;
	}

	private static Document document(WinLossRecorded.ServiceHistory h) {
		return new Document("firstContactAt", (h.firstContactAt() != null) ? Date.from(h.firstContactAt()) : null)
			.append("contacts", h.contacts())
			.append("complaints", h.complaints())
			.append("openComplaints", h.openComplaints())
			.append("complaintOutcome", h.complaintOutcome())
			.append("slaBreaches", h.slaBreaches())
			.append("lastCaseId", h.lastCaseId())
			.append("riskScore", h.riskScore())
			.append("csatLast", h.csatLast())
			.append("npsLast", h.npsLast());
	}

	private static WinLossRecorded.@Nullable ServiceHistory serviceHistory(@Nullable Document d) {
		if (d == null) {
			return null;
		}
		Date first = d.getDate("firstContactAt");
		return new WinLossRecorded.ServiceHistory((first != null) ? first.toInstant() : null,
				d.get("contacts", Number.class).longValue(), d.get("complaints", Number.class).longValue(),
				d.get("openComplaints", Number.class).longValue(), d.getString("complaintOutcome"),
				d.get("slaBreaches", Number.class).longValue(), d.getString("lastCaseId"), d.getInteger("riskScore"),
				d.getInteger("csatLast"), d.getInteger("npsLast"));
	}

	/** The customer's records, newest first. */
	public List<Map<String, Object>> forCustomer(String customerId) {
		List<Map<String, Object>> found = new ArrayList<>();
		this.records.find(Filters.eq("customerId", customerId))
			.sort(Sorts.descending("recordedAt"))
			.forEach((d) -> found.add(view(d)));
		return found;
	}

	public Optional<Map<String, Object>> find(String recordId) {
		return Optional.ofNullable(this.records.find(Filters.eq("_id", recordId)).first()).map(WinLossLog::view);
	}

	private static Map<String, Object> view(Document d) {
		Map<String, Object> view = new java.util.LinkedHashMap<>();
		d.forEach((key, value) -> {
			if (value != null) {
				view.put("_id".equals(key) ? "recordId" : key, (value instanceof Date date) ? date.toInstant()
						: (value instanceof Document nested) ? view(nested) : value);
			}
		});
		return view;
	}

	/**
	 * Every invalid field, named, or the record the request makes: its id derived from the customer and
	 * the idempotency key when there is one, else a new one; recorded at the millisecond, as kept, so
	 * that a repeat answers the original to the letter.
	 */
	WinLossRecorded validate(WinLossRequest request, @Nullable String idempotencyKey) {
		List<Map<String, String>> errors = new ArrayList<>();
		if (idempotencyKey != null && !IDEMPOTENCY_KEY_FORMAT.matcher(idempotencyKey).matches()) {
			errors.add(ValidationException.fieldError(IDEMPOTENCY_KEY,
					"must be 1 to 255 visible ASCII characters, such as a UUID"));
		}
		WinLossRequest.Customer customer = request.customer();
		String customerId = (customer != null) ? text(customer.id()) : null;
		if (customerId == null) {
			errors.add(ValidationException.fieldError("customer.id", "is required"));
		}
		String business = text(request.business());
		if (business == null) {
			errors.add(ValidationException.fieldError("business", "is required: the business in question"));
		}
		WinLossOutcome outcome = null;
		if (text(request.outcome()) == null) {
			errors.add(ValidationException.fieldError("outcome", "is required: won or lost"));
		}
		else {
			try {
				outcome = WinLossOutcome.fromWire(request.outcome().strip());
			}
			catch (IllegalArgumentException ex) {
				errors.add(ValidationException.fieldError("outcome", ex.getMessage()));
			}
		}
		WinLossReason reason = null;
		if (text(request.reason()) == null) {
			errors.add(ValidationException.fieldError("reason", "is required, one of "
					+ java.util.Arrays.stream(WinLossReason.values()).map(WinLossReason::wireName).toList()));
		}
		else {
			try {
				reason = WinLossReason.fromWire(request.reason().strip());
			}
			catch (IllegalArgumentException ex) {
				errors.add(ValidationException.fieldError("reason", ex.getMessage()));
			}
		}
		if (reason == WinLossReason.OTHER && text(request.reasonText()) == null) {
			errors.add(ValidationException.fieldError("reasonText", "is required when reason is other"));
		}
		if (outcome == WinLossOutcome.LOST && text(request.winBack()) == null) {
			errors.add(ValidationException.fieldError("winBack", "is required when lost: how to win the business back"));
		}
		if (outcome == WinLossOutcome.WON && text(request.keeps()) == null) {
			errors.add(ValidationException.fieldError("keeps", "is required when won: what keeps the business"));
		}
		String askedBy = text(request.askedBy());
		if (askedBy == null) {
			errors.add(ValidationException.fieldError("askedBy", "is required: who asked the customer"));
		}
		tooLong(errors, "history", request.history());
		tooLong(errors, "business", request.business());
		tooLong(errors, "reasonText", request.reasonText());
		tooLong(errors, "winBack", request.winBack());
		tooLong(errors, "keeps", request.keeps());
		if (!errors.isEmpty() || customerId == null || business == null || outcome == null || reason == null
				|| askedBy == null) {
			throw new ValidationException(errors);
		}
		String salesOwner = text(customer.salesOwnerId());
		String recordId = "WL-" + ((idempotencyKey != null)
				? EventCodec.derivedId(COLLECTION, customerId, idempotencyKey) : UUID.randomUUID().toString());
		CustomerId id = new CustomerId(customerId);
		return new WinLossRecorded(recordId, id, text(customer.name()), text(customer.valueTier()), salesOwner,
				text(request.history()), this.histories.apply(id).orElse(null), business, outcome, reason,
				text(request.reasonText()), text(request.winBack()), text(request.keeps()), askedBy,
				askedBy.equals(salesOwner), this.clock.instant().truncatedTo(ChronoUnit.MILLIS));
	}

	private static void tooLong(List<Map<String, String>> errors, String field, @Nullable String value) {
		if (value != null && value.length() > MAX_TEXT) {
			errors.add(ValidationException.fieldError(field, "is longer than " + MAX_TEXT + " characters"));
		}
	}

	private static @Nullable String text(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
