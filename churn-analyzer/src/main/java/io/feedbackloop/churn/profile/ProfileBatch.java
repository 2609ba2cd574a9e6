package io.feedbackloop.churn.profile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.WriteModel;
import io.feedbackloop.contracts.CustomerId;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The profiles of a collection with one writer that sees every event once (a rebuild: it reads each
 * topic record once, into a collection it created empty), changed in memory a chunk of events at a
 * time: {@link #load} reads the chunk's customers that have a profile already (one {@code $in} on
 * {@code _id}; the {@value #RECENT_PROFILES} most recently used profiles are kept in memory between
 * chunks and not read back), {@link #apply} applies each event to the profile in memory exactly as
 * {@link ProfileStore#applyAndGet} applies it on the server (the same update, the same derived
 * fields after every event), and {@link #flush} writes every profile the chunk changed with one
 * unordered bulk write of inserts and of replacements filtered by {@code _id} alone. A customer with ten events in a
 * chunk costs one write instead of twenty round trips; and the MongoDB-wire test server serves a
 * filter from the {@code _id} index only when {@code _id} is its only field.
 *
 * <p>A repeated event id (an upstream service that republished an event after a crash) is recognised
 * as the live path recognises it: by the customer's own {@code appliedEventIds} (the last
 * {@value ProfileStore#REMEMBERED_EVENTS} of the profile), so memory grows with the customers, not with
 * the events read.
 */
public final class ProfileBatch {

	/** Profiles kept in memory between chunks (a few kB each). */
	static final int RECENT_PROFILES = 50_000;

	private final MongoCollection<Document> profiles;

	private final Clock clock;

	private final ChurnProperties properties;

	/** Customers whose profile is stored (written by an earlier flush). */
	private final Set<String> stored = new HashSet<>();

	/** The profiles of the current chunk, by customer id. */
	private final Map<String, Document> chunk = new LinkedHashMap<>();

	/** Profiles written by earlier chunks, the most recently used kept: not read back when they come again. */
	private final Map<String, Document> recent;

	private ProfileBatch(MongoCollection<Document> profiles, Clock clock, ChurnProperties properties,
			int recentProfiles) {
		this.profiles = profiles;
		this.clock = clock;
		this.properties = properties;
		this.recent = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Document> eldest) {
				return size() > recentProfiles;
			}

		};
	}

	/** The only writer of {@code profiles}, an empty collection (its indexes are created). */
	public static ProfileBatch onlyWriterOf(MongoCollection<Document> profiles, Clock clock,
			ChurnProperties properties) {
		return onlyWriterOf(profiles, clock, properties, RECENT_PROFILES);
	}

	/** {@link #onlyWriterOf} keeping at most {@code recentProfiles} profiles between chunks. */
	static ProfileBatch onlyWriterOf(MongoCollection<Document> profiles, Clock clock, ChurnProperties properties,
			int recentProfiles) {
		ProfileStore.createIndexes(profiles);
		return new ProfileBatch(profiles, clock, properties, recentProfiles);
	}

	public MongoCollection<Document> collection() {
		return this.profiles;
	}

	/** Reads the stored profiles of these customers that the current chunk does not hold yet. */
	public void load(Collection<CustomerId> customers) {
		Set<String> missing = new LinkedHashSet<>();
		for (CustomerId customer : customers) {
			String id = customer.value();
			if (!this.stored.contains(id) || this.chunk.containsKey(id)) {
				continue;
			}
			Document kept = this.recent.get(id);
			if (kept != null) {
				this.chunk.put(id, kept);
			}
			else {
				missing.add(id);
			}
		}
		if (!missing.isEmpty()) {
			this.profiles.find(Filters.in("_id", List.copyOf(missing))).forEach((d) -> this.chunk.put(d.getString("_id"), d));
		}
	}

	/**
	 * Applies the change an event makes to the customer's profile in memory, unless the event was
	 * applied before, and derives the health, risk and last case fields again.
	 * @return the profile as changed (the risk watch may mark its episode in it before the flush),
	 * {@code null} when the event was applied before
	 */
	public @Nullable Document apply(CustomerId customer, String eventId, ProfileChange change) {
		String id = customer.value();
		Document profile = this.chunk.get(id);
		if (profile == null) {
			if (this.stored.contains(id)) {
				load(List.of(customer));
				profile = this.chunk.get(id);
			}
			if (profile == null) {
				profile = new Document("_id", id);
				this.chunk.put(id, profile);
			}
		}
		if (ProfileStore.isApplied(profile, eventId)) {
			return null;
		}
		ProfileStore.applyInMemory(profile, eventId, change, ProfileStore.date(this.clock.instant()));
		ProfileStore.putDerived(profile, ProfileHealth.derive(profile, this.properties));
		return profile;
	}

	/**
	 * Writes the profiles the chunk changed (one unordered bulk write: new profiles inserted, the others
	 * replaced) and starts a new chunk.
	 */
	public void flush() {
		if (this.chunk.isEmpty()) {
			return;
		}
		List<WriteModel<Document>> writes = new ArrayList<>(this.chunk.size());
		this.chunk.forEach((id, profile) -> writes.add(this.stored.contains(id)
				? new ReplaceOneModel<>(Filters.eq("_id", id), profile) : new InsertOneModel<>(profile)));
		this.profiles.bulkWrite(writes, new BulkWriteOptions().ordered(false));
		this.stored.addAll(this.chunk.keySet());
		this.recent.putAll(this.chunk);
		this.chunk.clear();
	}

}
