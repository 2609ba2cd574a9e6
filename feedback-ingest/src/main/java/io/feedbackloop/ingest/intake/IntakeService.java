package io.feedbackloop.ingest.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackId;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.ingest.IngestProperties;
import io.feedbackloop.ingest.idempotency.ClaimOutcome;
import io.feedbackloop.ingest.idempotency.ClaimRequest;
import io.feedbackloop.ingest.idempotency.Claims;
import io.feedbackloop.ingest.security.ApiClient;
import io.feedbackloop.ingest.security.ChannelNotAllowedException;
import io.feedbackloop.platform.EventPublisher;
import io.feedbackloop.platform.PlatformProperties;
import io.feedbackloop.platform.PublishFailedException;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Turns valid submissions into {@code feedback.received.v1} events that Kafka acknowledged, each record
 * once: a submission first claims its idempotency key (see {@link Claims}), then publishes, and only
 * then is answered.
 */
@Service
public class IntakeService {

	private static final Logger log = LoggerFactory.getLogger(IntakeService.class);

	private static final Duration FIRST_POLL = Duration.ofMillis(20);

	private static final Duration LONGEST_POLL = Duration.ofMillis(200);

	private final EventPublisher publisher;

	private final Claims claims;

	private final AcceptedWrites writes;

	private final IntakeMetrics metrics;

	private final Clock clock;

	private final String source;

	private final Duration wait;

	private final Duration sendTimeout;

	IntakeService(EventPublisher publisher, Claims claims, AcceptedWrites writes, IntakeMetrics metrics,
			Clock clock, IngestProperties properties, PlatformProperties platform,
			@Value("${spring.application.name}") String serviceName) {
		this.publisher = publisher;
		this.claims = claims;
		this.writes = writes;
		this.metrics = metrics;
		this.clock = clock;
		this.source = "/" + serviceName;
		this.wait = properties.idempotency().inProgressWait();
		this.sendTimeout = platform.sendTimeout();
	}

	/**
	 * One record: published and acknowledged, or the original of a repeat.
	 * @param idempotencyKey the client's key, or null to use (channel, channel record id)
	 * @throws PublishFailedException when Kafka did not acknowledge: nothing may be promised
	 * @throws IdempotencyConflictException when the key belongs to a different record
	 * @throws RequestInProgressException when a request with the same key is still being published
	 */
	public AcceptedFeedback accept(ApiClient client, ValidFeedback feedback, @Nullable String idempotencyKey) {
		requireChannel(client, feedback);
		ClaimRequest request = claimRequest(client, feedback, idempotencyKey);
		Instant deadline = this.clock.instant().plus(this.wait);
		Duration poll = FIRST_POLL;
		while (true) {
			Timer.Sample claiming = this.metrics.startStore();
			ClaimOutcome outcome = this.claims.claimShared(request);
			this.metrics.claimed(claiming);
			if (outcome instanceof ClaimOutcome.Owned owned) {
				return publishOne(client, owned, feedback);
			}
			if (outcome instanceof ClaimOutcome.Busy busy) {
				Instant now = this.clock.instant();
				if (!now.isBefore(deadline)) {
					throw new RequestInProgressException(Duration.between(now, busy.leaseUntil()));
				}
				pause(poll);
				poll = (poll.compareTo(LONGEST_POLL) < 0) ? poll.multipliedBy(2) : LONGEST_POLL;
				continue;
			}
			return answerRepeat(outcome, feedback, keyField(idempotencyKey, false));
		}
	}

	/**
	 * A batch: every item gets its own result, in order; one item's failure never fails another. Keys
	 * are claimed in one round trip and the records published together; an item whose key another
	 * request is publishing is answered 409 request-in-progress at once rather than waited for.
	 */
	public List<ItemResult> acceptAll(ApiClient client, List<BatchEntry> entries) {
		ItemResult[] results = new ItemResult[entries.size()];
		List<Integer> toClaim = new ArrayList<>();
		Map<String, Integer> firstWithKey = new HashMap<>();
		Map<Integer, Integer> repeatOf = new HashMap<>();
		List<ClaimRequest> requests = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			BatchEntry entry = entries.get(i);
			try {
				requireChannel(client, entry.feedback());
			}
			catch (ChannelNotAllowedException ex) {
				results[i] = ItemResult.failed(ex);
				continue;
			}
			ClaimRequest request = claimRequest(client, entry.feedback(), entry.idempotencyKey());
			Integer first = firstWithKey.putIfAbsent(request.key(), i);
			if (first != null) {
				// The same key twice in one batch: the later item is a repeat of the earlier one.
				repeatOf.put(i, first);
				if (!requests.get(toClaim.indexOf(first)).fingerprint().equals(request.fingerprint())) {
					results[i] = ItemResult.failed(new IdempotencyConflictException(keyField(entry.idempotencyKey(), true)));
					repeatOf.remove(i);
				}
				continue;
			}
			toClaim.add(i);
			requests.add(request);
		}
		List<ClaimOutcome> outcomes;
		Timer.Sample claiming = this.metrics.startStore();
		try {
			outcomes = this.claims.claimAll(requests);
			this.metrics.claimed(claiming);
		}
		catch (RuntimeException ex) {
			for (int index : toClaim) {
				results[index] = ItemResult.failed(ex);
			}
			outcomes = List.of();
		}
		List<Integer> owners = new ArrayList<>();
		List<ClaimOutcome.Owned> owned = new ArrayList<>();
		for (int n = 0; n < outcomes.size(); n++) {
			int index = toClaim.get(n);
			BatchEntry entry = entries.get(index);
			ClaimOutcome outcome = outcomes.get(n);
			if (outcome instanceof ClaimOutcome.Owned claim) {
				owners.add(index);
				owned.add(claim);
			}
			else if (outcome instanceof ClaimOutcome.Busy busy) {
				results[index] = ItemResult
					.failed(new RequestInProgressException(Duration.between(this.clock.instant(), busy.leaseUntil())));
			}
			else {
				try {
					results[index] = ItemResult.repeated(
							answerRepeat(outcome, entry.feedback(), keyField(entry.idempotencyKey(), true)));
				}
				catch (RuntimeException ex) {
					results[index] = ItemResult.failed(ex);
				}
			}
		}
		publishAll(client, owners, owned, entries, results);
		repeatOf.forEach((index, first) -> results[index] = results[first].repeat());
		return List.of(results);
	}

	private void publishAll(ApiClient client, List<Integer> owners, List<ClaimOutcome.Owned> owned,
			List<BatchEntry> entries, ItemResult[] results) {
		if (owned.isEmpty()) {
			return;
		}
		List<FeedbackReceived> events = new ArrayList<>(owned.size());
		List<CompletableFuture<?>> acks = new ArrayList<>(owned.size());
		Timer.Sample sample = this.metrics.startPublish();
		// One deadline for the whole batch, from before the first send: with the broker unreachable each send
		// blocks for the topic's metadata (up to the send timeout), and 500 of them would hold the request for
		// most of an hour while the claims' leases ran out. Records not sent by then are answered 503 and freed.
		long deadline = System.nanoTime() + this.sendTimeout.plusMillis(500).toNanos();
		for (int n = 0; n < owned.size(); n++) {
			FeedbackReceived received = received(owned.get(n), entries.get(owners.get(n)).feedback());
			events.add(received);
			acks.add((System.nanoTime() < deadline) ? this.publisher.publish(event(received))
					: CompletableFuture.failedFuture(new TimeoutException(
							"not sent: the batch's time was up (" + this.sendTimeout.plusMillis(500).toMillis() + " ms)")));
		}
		List<ClaimOutcome.Owned> published = new ArrayList<>();
		List<FeedbackReceived> publishedEvents = new ArrayList<>();
		int failures = 0;
		for (int n = 0; n < owned.size(); n++) {
			int index = owners.get(n);
			try {
				acks.get(n).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				published.add(owned.get(n));
				publishedEvents.add(events.get(n));
				this.metrics.accepted(events.get(n).channel());
				results[index] = ItemResult.accepted(AcceptedFeedback.accepted(owned.get(n).feedbackId(),
						owned.get(n).receivedAt()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failures++;
				results[index] = ItemResult.failed(new PublishFailedException("interrupted", ex));
				releaseQuietly(owned.get(n));
			}
			catch (ExecutionException | TimeoutException ex) {
				failures++;
				results[index] = ItemResult
					.failed(new PublishFailedException("Kafka did not acknowledge: " + ex.getMessage(), ex));
				releaseQuietly(owned.get(n));
			}
		}
		if (failures > 0) {
			this.metrics.brokerFailed(sample, failures);
			log.warn("{} of {} batch records not accepted, Kafka did not acknowledge", failures, owned.size());
		}
		else {
			this.metrics.acked(sample);
		}
		List<AcceptedWrites.Acked> acked = new ArrayList<>(published.size());
		for (int n = 0; n < published.size(); n++) {
			acked.add(new AcceptedWrites.Acked(published.get(n), publishedEvents.get(n), client.id()));
		}
		Timer.Sample recording = this.metrics.startStore();
		List<AcceptedWrites.Written> written = this.writes.writeAll(acked);
		this.metrics.recorded(recording);
		if (!written.isEmpty()) {
			reportWrite(written.get(0), publishedEvents.size() + " records");
		}
	}

	private AcceptedFeedback publishOne(ApiClient client, ClaimOutcome.Owned owned, ValidFeedback feedback) {
		FeedbackReceived received = received(owned, feedback);
		Timer.Sample sample = this.metrics.startPublish();
		try {
			this.publisher.publishAndWait(event(received));
		}
		catch (PublishFailedException ex) {
			this.metrics.brokerFailed(sample, 1);
			log.warn("Feedback from channel {} not accepted, Kafka did not acknowledge: {}",
					feedback.channel().wireName(), ex.getMessage());
			releaseQuietly(owned);
			throw ex;
		}
		this.metrics.acked(sample);
		this.metrics.accepted(feedback.channel());
		Timer.Sample recording = this.metrics.startStore();
		AcceptedWrites.Written written = this.writes.write(new AcceptedWrites.Acked(owned, received, client.id()));
		this.metrics.recorded(recording);
		reportWrite(written, received.feedbackId().value());
		log.debug("Accepted {} from channel {} for customer {}, contact {} {}", received.feedbackId(),
				received.channel().wireName(), received.customerId(), received.contact().phone(),
				received.contact().email());
		return AcceptedFeedback.accepted(owned.feedbackId(), owned.receivedAt());
	}

	private AcceptedFeedback answerRepeat(ClaimOutcome outcome, ValidFeedback feedback, String keyField) {
		if (outcome instanceof ClaimOutcome.Published published) {
			this.metrics.duplicate(feedback.channel());
			return AcceptedFeedback.repeated(published.feedbackId(), published.receivedAt());
		}
		throw new IdempotencyConflictException(keyField);
	}

	private static String keyField(@Nullable String idempotencyKey, boolean batch) {
		if (idempotencyKey == null) {
			return "channelRecordId";
		}
		return batch ? "idempotencyKey" : "Idempotency-Key";
	}

	private static void requireChannel(ApiClient client, ValidFeedback feedback) {
		if (!client.mayPost(feedback.channel())) {
			throw new ChannelNotAllowedException(client, feedback.channel());
		}
	}

	/**
	 * Keys are scoped to the client: two channel systems may use the same record ids without meeting.
	 * The fingerprint is taken of the normalised record, so that a repeat differing only in spacing or
	 * phone-number spelling is still the same record.
	 */
	private ClaimRequest claimRequest(ApiClient client, ValidFeedback feedback, @Nullable String idempotencyKey) {
		String key = (idempotencyKey != null) ? "key:" + client.id() + ":" + idempotencyKey
				: "record:" + client.id() + ":" + feedback.channel().wireName() + ":" + feedback.channelRecordId();
		// Millisecond precision: what MongoDB stores, so that every copy of receivedAt reads the same.
		Instant receivedAt = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		return new ClaimRequest(key, fingerprint(feedback), FeedbackIds.next(), receivedAt);
	}

	private static String fingerprint(ValidFeedback feedback) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(EventCodec.encode(feedback)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static FeedbackReceived received(ClaimOutcome.Owned owned, ValidFeedback feedback) {
		return new FeedbackReceived(new FeedbackId(owned.feedbackId()), feedback.channel(), feedback.channelRecordId(),
				feedback.customerId(), feedback.contact(), feedback.occurredAt(), owned.receivedAt(), feedback.text(),
				feedback.language(), feedback.details());
	}

	/** The event id is derived from the feedback id: a record published again is recognised downstream. */
	private Event<FeedbackReceived> event(FeedbackReceived received) {
		String id = received.feedbackId().value();
		return EventCodec.event(EventTypes.FEEDBACK_RECEIVED, EventCodec.derivedId(EventTypes.FEEDBACK_RECEIVED.name(), id),
				this.source, received.receivedAt(), id, received.customerId(), received);
	}

	private void releaseQuietly(ClaimOutcome.Owned owned) {
		try {
			this.claims.release(owned);
		}
		catch (RuntimeException ex) {
			// The lease still ends by itself; the retry then takes the claim over.
			log.warn("Claim {} not released after a failed publish: {}", owned.feedbackId(), ex.toString());
		}
	}

	private void reportWrite(AcceptedWrites.Written written, String what) {
		if (written.claimError() != null) {
			claimNotMarked(written.claimError());
		}
		if (written.statusError() != null) {
			statusNotRecorded(what, written.statusError());
		}
	}

	private void claimNotMarked(RuntimeException ex) {
		// The record is safe in Kafka. A repeat after the lease publishes it again with the same ids,
		// which consumers recognise; the caller must hear of the acknowledgement now.
		this.metrics.claimWriteFailed();
		log.warn("Idempotency claim not marked published: {}", ex.toString());
	}

	private void statusNotRecorded(String what, RuntimeException ex) {
		// The record is safe in Kafka and the caller must hear so: a missing status document only
		// means GET answers 404 until the classification event creates it.
		this.metrics.statusWriteFailed();
		log.warn("Status of feedback {} not recorded: {}", what, ex.toString());
	}

	private static void pause(Duration duration) {
		try {
			TimeUnit.MILLISECONDS.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RequestInProgressException(duration);
		}
	}

	/**
	 * One batch item, validated.
	 * @param feedback the record
	 * @param idempotencyKey the item's {@code idempotencyKey}, or null for (channel, channel record id)
	 */
	public record BatchEntry(ValidFeedback feedback, @Nullable String idempotencyKey) {

	}

	/**
	 * What became of one batch item: accepted (new or repeated) or refused.
	 */
	public record ItemResult(@Nullable AcceptedFeedback accepted, @Nullable RuntimeException error) {

		static ItemResult accepted(AcceptedFeedback accepted) {
			return new ItemResult(accepted, null);
		}

		static ItemResult repeated(AcceptedFeedback accepted) {
			return new ItemResult(accepted, null);
		}

		static ItemResult failed(RuntimeException error) {
			return new ItemResult(null, error);
		}

		/** The result of a later item with the same key and record. */
		ItemResult repeat() {
			AcceptedFeedback first = this.accepted;
			return (first != null) ? accepted(AcceptedFeedback.repeated(first.feedbackId(), first.receivedAt()))
					: this;
		}

	}

}
