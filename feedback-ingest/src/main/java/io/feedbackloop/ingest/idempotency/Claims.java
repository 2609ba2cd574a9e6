package io.feedbackloop.ingest.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.feedbackloop.ingest.IngestProperties;
import io.feedbackloop.ingest.batching.GroupCommit;
import org.bson.Document;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The {@code intake_claims} collection: one document per idempotency key, {@code _id} = key.
 * Single-document atomic writes only (an insert that fails on the unique {@code _id}, a
 * compare-and-set on {@code version}), so it works on a replica set and on the MongoDB-wire server
 * alike; no transactions, no TTL.
 */
@Component
public class Claims implements DisposableBean {

	static final String COLLECTION = "intake_claims";

	static final String PENDING = "pending";

	static final String PUBLISHED = "published";

	private final MongoCollection<Document> claims;

	private final Clock clock;

	/** The most single submissions waiting for their claim (past it: 503, busy). */
	static final int QUEUE_CAPACITY = 20_000;

	private final Duration lease;

	private final Duration timeout;

	/** Single submissions' claims, inserted together: one round trip for all that arrive at once. */
	private final GroupCommit<ClaimRequest, ClaimOutcome> shared;

	public Claims(MongoDatabase database, Clock clock, IngestProperties properties) {
		this.claims = database.getCollection(COLLECTION)
			.withTimeout(properties.statusTimeout().toMillis(), TimeUnit.MILLISECONDS);
		this.clock = clock;
		this.lease = properties.idempotency().lease();
		this.timeout = properties.statusTimeout();
		// a claim written for a caller that gave up (answered 503) is released, not left pending for its lease
		this.shared = new GroupCommit<>("intake-claims", 2, 500, QUEUE_CAPACITY, this::claimAll,
				(request, outcome) -> {
					if (outcome instanceof ClaimOutcome.Owned owned) {
						release(owned);
					}
				});
	}

	/**
	 * Claims one key, in one insert with the claims of whatever other submissions arrive at the same
	 * time (on this instance): the first request owns it, a repeat learns where the record stands.
	 * The same key twice in one group is fine: the second insert fails on the unique {@code _id} and
	 * learns of the first.
	 */
	public ClaimOutcome claimShared(ClaimRequest request) {
		return await(this.shared.submit(request), this.timeout.multipliedBy(2));
	}

	/** Claims one key on its own: the first request owns it, a repeat learns where the record stands. */
	public ClaimOutcome claim(ClaimRequest request) {
		try {
			this.claims.insertOne(newClaim(request));
			return new ClaimOutcome.Owned(request.key(), request.feedbackId(), request.receivedAt(), 1);
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw unavailable(ex);
			}
			return existing(request);
		}
		catch (MongoException ex) {
			throw unavailable(ex);
		}
	}

	/**
	 * Claims many keys in one round trip (a batch). The outcome of each request, in order; of two
	 * requests with the same key the later learns of the earlier.
	 */
	public List<ClaimOutcome> claimAll(List<ClaimRequest> requests) {
		if (requests.isEmpty()) {
			return List.of();
		}
		Set<Integer> taken = new HashSet<>();
		try {
			this.claims.insertMany(requests.stream().map(this::newClaim).toList(),
					new InsertManyOptions().ordered(false));
		}
		catch (MongoBulkWriteException ex) {
			for (BulkWriteError error : ex.getWriteErrors()) {
				if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
					throw unavailable(ex);
				}
				taken.add(error.getIndex());
			}
		}
		catch (MongoException ex) {
			throw unavailable(ex);
		}
		List<ClaimOutcome> outcomes = new ArrayList<>(requests.size());
		for (int i = 0; i < requests.size(); i++) {
			ClaimRequest request = requests.get(i);
			outcomes.add(taken.contains(i) ? existing(request)
					: new ClaimOutcome.Owned(request.key(), request.feedbackId(), request.receivedAt(), 1));
		}
		return outcomes;
	}

	/** The key is taken: the same record or another, published, in flight, or abandoned. */
	private ClaimOutcome existing(ClaimRequest request) {
		try {
			for (int attempt = 0; attempt < 5; attempt++) {
				Document claim = this.claims.find(Filters.eq("_id", request.key())).first();
				if (claim == null) {
					// Never deleted by this service; an operator may have. Claim it afresh.
					return claim(request);
				}
				String feedbackId = claim.getString("feedbackId");
				if (!request.fingerprint().equals(claim.getString("fingerprint"))) {
					return new ClaimOutcome.Conflict(feedbackId);
				}
				Instant receivedAt = claim.getDate("receivedAt").toInstant();
				if (PUBLISHED.equals(claim.getString("state"))) {
					return new ClaimOutcome.Published(feedbackId, receivedAt);
				}
				Instant leaseUntil = claim.getDate("leaseUntil").toInstant();
				Instant now = this.clock.instant();
				if (leaseUntil.isAfter(now)) {
					return new ClaimOutcome.Busy(leaseUntil);
				}
				// The owner failed (and released it) or died: take over, if nobody else just did.
				long version = claim.get("version", Number.class).longValue();
				Document taken = this.claims.findOneAndUpdate(
						Filters.and(Filters.eq("_id", request.key()), Filters.eq("version", version),
								Filters.eq("state", PENDING)),
						Updates.combine(Updates.set("leaseUntil", date(now.plus(this.lease))),
								Updates.set("version", version + 1)),
						new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
				if (taken != null) {
					return new ClaimOutcome.Owned(request.key(), feedbackId, receivedAt, version + 1);
				}
			}
			return new ClaimOutcome.Busy(this.clock.instant().plus(this.lease));
		}
		catch (MongoException ex) {
			throw unavailable(ex);
		}
	}

	/** Kafka acknowledged the records: from now on a repeat gets their ids. One round trip. */
	public void publishedAll(List<ClaimOutcome.Owned> owned) {
		if (owned.isEmpty()) {
			return;
		}
		List<WriteModel<Document>> updates = new ArrayList<>();
		for (ClaimOutcome.Owned claim : owned) {
			updates.add(new UpdateOneModel<>(Filters.eq("_id", claim.key()), publish()));
		}
		this.claims.bulkWrite(updates, new BulkWriteOptions().ordered(false));
	}

	/**
	 * Kafka did not acknowledge: ends the lease now, so that the caller's retry takes the claim over at
	 * once and publishes the same record. Only the current owner's version is released.
	 */
	public void release(ClaimOutcome.Owned owned) {
		this.claims.updateOne(
				Filters.and(Filters.eq("_id", owned.key()), Filters.eq("version", owned.version()),
						Filters.eq("state", PENDING)),
				Updates.set("leaseUntil", date(this.clock.instant())));
	}

	private Document newClaim(ClaimRequest request) {
		Instant now = this.clock.instant();
		return new Document("_id", request.key()).append("fingerprint", request.fingerprint())
			.append("feedbackId", request.feedbackId())
			.append("receivedAt", date(request.receivedAt()))
			.append("state", PENDING)
			.append("leaseUntil", date(now.plus(this.lease)))
			.append("version", 1L);
	}

	private org.bson.conversions.Bson publish() {
		return Updates.combine(Updates.set("state", PUBLISHED), Updates.set("publishedAt", date(this.clock.instant())));
	}

	private static Date date(Instant instant) {
		return Date.from(instant);
	}

	/**
	 * The result of a shared write, or 503 store-unavailable when it failed, took too long (the item is
	 * withdrawn) or too many are waiting.
	 */
	static <T> T await(CompletableFuture<T> result, Duration timeout) {
		try {
			return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RejectedExecutionException busy) {
				throw new IdempotencyStoreException("idempotency claims not available: " + busy.getMessage(), busy);
			}
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new IdempotencyStoreException("idempotency claims not available: " + ex.getCause(), ex);
		}
		catch (TimeoutException ex) {
			if (!result.cancel(false)) {
				// written in the moment between the time-out and the withdrawal: the caller takes it after all
				// (else nobody would release the claim)
				return await(result, timeout);
			}
			throw new IdempotencyStoreException("idempotency claims not available within " + timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IdempotencyStoreException("interrupted while claiming", ex);
		}
	}

	@Override
	public void destroy() {
		this.shared.close();
	}

	private static IdempotencyStoreException unavailable(MongoException ex) {
		return new IdempotencyStoreException("idempotency claims not available: " + ex.getMessage(), ex);
	}

}
