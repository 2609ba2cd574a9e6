package io.feedbackloop.churn.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.feedbackloop.churn.profile.ProfileStore;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The at-risk list for retention teams: customers in an open episode, most valuable first, then by score. */
@RestController
@RequestMapping("/api/v1/at-risk")
class AtRiskController {

	static final int MAX_LIMIT = 1000;

	private final ProfileStore profiles;

	AtRiskController(ProfileStore profiles) {
		this.profiles = profiles;
	}

	/**
	 * One entry of the list.
	 * @param customerId the customer
	 * @param valueTier the value tier, when known
	 * @param valueRank its rank (0 unknown, higher is more valuable)
	 * @param score the churn-risk score now
	 * @param episode the at-risk episode number
	 * @param signals each signal's value, weight and contribution
	 * @param lastCaseId the latest complaint case
	 * @param lastContactAt the latest contact
	 */
	record AtRiskCustomer(String customerId, @Nullable String valueTier, int valueRank, int score, int episode,
			List<Map<String, Object>> signals, @Nullable String lastCaseId, @Nullable Instant lastContactAt) {

	}

	@GetMapping
	List<AtRiskCustomer> list(@RequestParam(defaultValue = "100") int limit) {
		List<AtRiskCustomer> list = new ArrayList<>();
		this.profiles.collection()
			.find(Filters.eq(ProfileStore.RISK_EPISODE_OPEN, true))
			.sort(Sorts.descending("health.valueRank", ProfileStore.RISK_SCORE))
			.limit(Math.max(1, Math.min(limit, MAX_LIMIT)))
			.forEach((d) -> list.add(entry(d)));
		return list;
	}

	private static AtRiskCustomer entry(Document d) {
		Document health = d.get("health", new Document());
		Document risk = d.get("risk", new Document());
		Document episode = d.get(RiskWatch.EPISODE, new Document());
		List<Map<String, Object>> signals = new ArrayList<>();
		risk.getList("signals", Document.class, List.of()).forEach((s) -> signals.add(new java.util.LinkedHashMap<>(s)));
		Date lastContact = d.getDate("lastContactAt");
		return new AtRiskCustomer(d.getString("_id"), d.getString("valueTier"), health.getInteger("valueRank", 0),
				risk.getInteger("score", 0), episode.getInteger("number", 0), signals, d.getString("lastCaseId"),
				(lastContact != null) ? lastContact.toInstant() : null);
	}

}
