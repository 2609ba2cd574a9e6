package io.feedbackloop.churn.risk;

import java.time.Clock;
import java.util.Date;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.feedbackloop.churn.profile.ChurnProperties;
import io.feedbackloop.churn.profile.ProfileListener;
import io.feedbackloop.churn.profile.ProfileStore;
import io.feedbackloop.contracts.ChurnRiskRaised;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.platform.EventPublisher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The early warning: after every change of a profile, compares its churn-risk score with the two
 * thresholds. A score at or above {@code enter-at} while no episode is open starts one and publishes
 * {@code customer.churn-risk.v1}; the episode ends only when the score falls below
 * {@code leave-below}, so a score moving about the upper threshold warns once.
 *
 * <p>The episode is marked open first, conditionally: on the episode count it started from (two threads
 * seeing the same crossing open one episode) and on the score stored now, so that the two topics'
 * consumer threads end where handling the events one after the other would: it opens only while the
 * stored score is at least {@code leave-below}, and closes only while it is below {@code enter-at}.
 * Then the warning is published, with an id derived from the customer and the episode number, and the
 * episode marked {@code announced}; a crash or an unreachable Kafka in between leaves it unannounced, and
 * the customer's next event publishes it (the same {@code ce_id}, which consumers drop as a repeat).
 */
@Component
public class RiskWatch implements ProfileListener {

	static final String EPISODE = "riskEpisode";

	/** {@code riskEpisode.announced}: whether the open episode's warning was published. */
	static final String ANNOUNCED = EPISODE + ".announced";

	private final ProfileStore profiles;

	private final EventPublisher publisher;

	private final ChurnProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	RiskWatch(ProfileStore profiles, EventPublisher publisher, ChurnProperties properties, Clock clock,
			MeterRegistry meters) {
		this.profiles = profiles;
		this.publisher = publisher;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		Gauge.builder("feedbackloop.churn.at.risk.customers", this::atRiskCustomers)
			.description("Customers in an open at-risk episode (read from MongoDB: the same value on every instance)")
			.register(meters);
		meters.counter("feedbackloop.churn.risk.raised");
	}

	@Override
	public void changed(CustomerId customer, Event<?> event) {
		settle(this.profiles, customer, true);
	}

	@Override
	public void changed(CustomerId customer, Event<?> event, @Nullable Document profile) {
		settle(this.profiles, customer, profile, true);
	}

	/**
	 * Opens or closes the customer's at-risk episode in the given store as the score says, publishing
	 * the warning when asked to (a rebuild does not: its warnings are on the topic already).
	 * @return the episode started, if one was
	 */
	public @Nullable Integer settle(ProfileStore store, CustomerId customer, boolean publish) {
		return settle(store, customer, null, publish);
	}

	/**
	 * {@link #settle(ProfileStore, CustomerId, boolean)} from the profile as the change just left it
	 * ({@link ProfileStore#applyAndGet}); read from the store when {@code null}.
	 */
	public @Nullable Integer settle(ProfileStore store, CustomerId customer, @Nullable Document known,
			boolean publish) {
		Document profile = (known != null) ? known : store.document(customer).orElse(null);
		if (profile == null) {
			return null;
		}
		Crossing crossing = crossing(profile);
		Integer opened = null;
		ChurnProperties.Risk thresholds = this.properties.risk();
		if (crossing != null && crossing.opens()) {
			int number = crossing.number();
			int next = number + 1;
			Bson sameEpisodeCount = (number == 0)
					? Filters.or(Filters.exists(ProfileStore.RISK_EPISODE_NUMBER, false),
							Filters.eq(ProfileStore.RISK_EPISODE_NUMBER, 0))
					: Filters.eq(ProfileStore.RISK_EPISODE_NUMBER, number);
			// The profile in hand may be older than another event's change to it (two topics' consumers): it
			// opens only while the stored score is still in or above the band (events one after the other
			// would have opened it and kept it open there); one that has fallen below leave-below opens nothing.
			Document marked = store.collection()
				.findOneAndUpdate(
						Filters.and(Filters.eq("_id", customer.value()), sameEpisodeCount,
								Filters.ne(ProfileStore.RISK_EPISODE_OPEN, true),
								Filters.gte(ProfileStore.RISK_SCORE, thresholds.leave())),
						Updates.combine(Updates.set(ProfileStore.RISK_EPISODE_OPEN, true),
								Updates.set(ProfileStore.RISK_EPISODE_NUMBER, next),
								Updates.set(EPISODE + ".openedScore", crossing.score()),
								Updates.set(EPISODE + ".openedAt", openedAt(profile)),
								Updates.set(ANNOUNCED, !publish)),
						new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
			if (marked == null) {
				return null;
			}
			profile = marked;
			opened = next;
		}
		else if (crossing != null) {
			// closed only while the stored score is below enter-at (not from an older profile whose low score
			// the other thread's event has since raised past the band)
			store.collection()
				.updateOne(Filters.and(Filters.eq("_id", customer.value()),
						Filters.eq(ProfileStore.RISK_EPISODE_OPEN, true),
						Filters.eq(ProfileStore.RISK_EPISODE_NUMBER, crossing.number()),
						Filters.lt(ProfileStore.RISK_SCORE, thresholds.enter())),
						Updates.set(ProfileStore.RISK_EPISODE_OPEN, false));
			return null;
		}
		if (publish) {
			announce(store, customer, profile);
		}
		return opened;
	}

	/**
	 * Publishes the warning of an open episode not yet announced, then marks it announced: right after
	 * the episode is marked open, or on the customer's next event when a crash or an unreachable Kafka came
	 * in between (the same event id: consumers drop a repeat).
	 */
	private void announce(ProfileStore store, CustomerId customer, Document profile) {
		Document episode = profile.get(EPISODE, Document.class);
		if (episode == null || !Boolean.TRUE.equals(episode.getBoolean("open"))
				|| !Boolean.FALSE.equals(episode.getBoolean("announced"))) {
			return;
		}
		int number = episode.getInteger("number", 0);
		Document risk = profile.get("risk", Document.class);
		this.publisher.publishAndWait(warning(customer, number, episode.getInteger("openedScore", 0),
				(risk != null) ? risk : new Document(), profile));
		// counted by whoever marks it (two threads, or a redelivery, may both publish: the same event id)
		if (store.collection()
			.updateOne(Filters.and(Filters.eq("_id", customer.value()), Filters.eq(ProfileStore.RISK_EPISODE_NUMBER, number),
					Filters.eq(ANNOUNCED, false)), Updates.set(ANNOUNCED, true))
			.getModifiedCount() > 0) {
			this.meters.counter("feedbackloop.churn.risk.raised").increment();
		}
	}

	/**
	 * {@link #settle(ProfileStore, CustomerId, Document, boolean)} for a profile held in memory by its
	 * only writer ({@link io.feedbackloop.churn.profile.ProfileBatch}, a rebuild): the episode is
	 * marked in the document, with the same fields and values the live update writes, and nothing is
	 * published (the warnings are on the topic already).
	 * @return the episode started, if one was
	 */
	public @Nullable Integer settleInMemory(Document profile) {
		Crossing crossing = crossing(profile);
		if (crossing == null) {
			return null;
		}
		Document episode = profile.get(EPISODE, Document.class);
		if (episode == null) {
			episode = new Document();
			profile.put(EPISODE, episode);
		}
		if (!crossing.opens()) {
			episode.put("open", false);
			return null;
		}
		int next = crossing.number() + 1;
		episode.put("open", true);
		episode.put("number", next);
		episode.put("openedScore", crossing.score());
		episode.put("openedAt", openedAt(profile));
		episode.put("announced", true);
		return next;
	}

	/** An episode to open, or to close; {@code null} when the score leaves the episode as it is. */
	private @Nullable Crossing crossing(Document profile) {
		Document risk = profile.get("risk", Document.class);
		if (risk == null) {
			return null;
		}
		int score = risk.getInteger("score", 0);
		Document episode = profile.get(EPISODE, Document.class);
		boolean open = episode != null && Boolean.TRUE.equals(episode.getBoolean("open"));
		int number = (episode != null) ? episode.getInteger("number", 0) : 0;
		ChurnProperties.Risk thresholds = this.properties.risk();
		if (!open && score >= thresholds.enter()) {
			return new Crossing(true, score, number, risk);
		}
		if (open && score < thresholds.leave()) {
			return new Crossing(false, score, number, risk);
		}
		return null;
	}

	/** @param number the episodes started before */
	private record Crossing(boolean opens, int score, int number, Document risk) {

	}

	private Event<ChurnRiskRaised> warning(CustomerId customer, int episode, int score, Document risk,
			Document profile) {
		List<ChurnRiskRaised.Contribution> signals = risk.getList("signals", Document.class, List.of())
			.stream()
			.map((s) -> new ChurnRiskRaised.Contribution(s.getString("signal"), ((Number) s.get("value")).longValue(),
					((Number) s.get("weight")).doubleValue(), ((Number) s.get("contribution")).doubleValue()))
			.toList();
		ChurnRiskRaised raised = new ChurnRiskRaised(customer, episode, score, this.properties.risk().enter(), signals,
				profile.getString("valueTier"), profile.getString("lastCaseId"), this.clock.instant());
		return EventCodec.event(EventTypes.CUSTOMER_CHURN_RISK,
				EventCodec.derivedId(EventTypes.CUSTOMER_CHURN_RISK.name(), customer.value(), String.valueOf(episode)),
				"/churn-analyzer", raised.raisedAt(), customer.value(), customer, raised);
	}

	// The customer's latest contact or complaint, so that a rebuild gives the same time; the clock only
	// for a profile without either.
	private Date openedAt(Document profile) {
		Date contact = profile.getDate("lastContactAt");
		Date complaint = profile.getDate("lastComplaintAt");
		if (contact == null && complaint == null) {
			return Date.from(this.clock.instant());
		}
		if (contact == null || complaint == null) {
			return (contact != null) ? contact : complaint;
		}
		return contact.after(complaint) ? contact : complaint;
	}

	private double atRiskCustomers() {
		return this.profiles.collection().countDocuments(Filters.eq(ProfileStore.RISK_EPISODE_OPEN, true));
	}

}
