package io.feedbackloop.router.routing;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.router.web.InvalidRequestException;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * Customer tiers as CRM systems report them ({@code customer_tiers}, one document per customer); a
 * customer never reported is in the default tier.
 */
@Component
public class CustomerTiers {

	static final String COLLECTION = "customer_tiers";

	private final MongoCollection<Document> tiers;

	private final List<String> known;

	private final String defaultTier;

	private final Clock clock;

	CustomerTiers(MongoDatabase database, RoutingProperties properties, Clock clock) {
		this.tiers = database.getCollection(COLLECTION);
		this.known = properties.tiers();
		this.defaultTier = properties.defaultTier();
		this.clock = clock;
	}

	public String tierOf(CustomerId customer) {
		Document document = this.tiers.find(Filters.eq("_id", customer.value())).first();
		return (document != null) ? document.getString("tier") : this.defaultTier;
	}

	/** @throws InvalidRequestException for a tier that is not configured */
	public void set(CustomerId customer, String tier, String changedBy) {
		if (!this.known.contains(tier)) {
			throw InvalidRequestException.of("tier", "unknown tier '" + tier + "'; known: " + this.known);
		}
		this.tiers.replaceOne(Filters.eq("_id", customer.value()),
				new Document("_id", customer.value()).append("tier", tier)
					.append("updatedBy", changedBy)
					.append("updatedAt", Date.from(this.clock.instant().truncatedTo(ChronoUnit.MILLIS))),
				new ReplaceOptions().upsert(true));
	}

}
