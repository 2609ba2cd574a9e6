package io.feedbackloop.router.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.SlaTimerKind;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * The timers in MongoDB. {@code sla_timers} holds one document per case and timer, the truth; every
 * change is a compare-and-set on {@code (_id, rev)} (a single-document conditional update: no
 * transactions), with {@code rev} a fresh random token per write, answered from the unique index
 * {@code cas} on every server (the MongoDB-wire server uses an index only when the filter names
 * exactly its keys).
 *
 * <p>{@code sla_schedule} is the due-time index: one bucket document per time slot and shard, listing
 * hints {@code (timer, rev, at)}. A hint is written <em>before</em> the timer change that makes it
 * true, so every pending step always has one; a hint whose write lost the race is stale and is
 * recognised by its {@code rev}. Instances load the buckets of the next minutes by {@code _id}, a key
 * lookup on any server, instead of range-scanning a million timers.
 */
class TimerStore {

	static final String TIMERS = "sla_timers";

	static final String SCHEDULE = "sla_schedule";

	static final String CONFIG = "sla_config";

	static final String COUNTS = "sla_counts";

	static final String LEASES = "sla_leases";

	/** How often the counters are recomputed from every timer (a full scan on the MongoDB-wire server). */
	static final Duration FULL_RECOUNT = Duration.ofDays(1);

	/**
	 * At most this many ids in one {@code $in} (see {@link #byIds}). The MongoDB-wire server finds the
	 * documents by the index, then matches each of them against the whole list again: a read of 512 timers
	 * by one {@code $in} costs it 512 × 512 comparisons (JFR of {@code bench/timers}: a third of the
	 * server's CPU in the steady window, under the collection's lock), in lists of 64 an eighth of that.
	 * MongoDB answers either from the index; a few more round trips per batch are the price there.
	 */
	static final int IDS_PER_QUERY = 64;

	private final MongoCollection<Document> timers;

	private final MongoCollection<Document> schedule;

	private final MongoCollection<Document> config;

	private final MongoCollection<Document> counts;

	private final MongoCollection<Document> leases;

	private final Clock clock;

	private final long slotSeconds;

	private final int shards;

	final PhaseTimes times = new PhaseTimes();

	/** Counter differences held back by the firing path, by department and field (see flushCounts). */
	private final Map<String, Map<String, Long>> pendingCounts = new LinkedHashMap<>();

	TimerStore(MongoDatabase database, Clock clock, SlaProperties.Engine engine) {
		this.timers = database.getCollection(TIMERS);
		this.schedule = database.getCollection(SCHEDULE);
		this.config = database.getCollection(CONFIG);
		this.counts = database.getCollection(COUNTS);
		this.leases = database.getCollection(LEASES);
		this.clock = clock;
		this.slotSeconds = engine.slotWidth().toSeconds();
		this.shards = engine.shards();
		this.timers.createIndex(Indexes.ascending("_id", "rev"), new IndexOptions().unique(true).name("cas"));
		this.timers.createIndex(Indexes.ascending("status", "dueAt"), new IndexOptions().name("status_due"));
		this.timers.createIndex(Indexes.ascending("caseId"), new IndexOptions().name("case"));
		this.schedule.createIndex(Indexes.ascending("_id", "n"), new IndexOptions().unique(true).name("cas"));
		this.schedule.createIndex(Indexes.ascending("slot"), new IndexOptions().name("slot"));
		this.leases.createIndex(Indexes.ascending("_id", "until"), new IndexOptions().unique(true).name("cas"));
	}

	Optional<CaseTimer> find(String id) {
		return Optional.ofNullable(this.timers.find(Filters.eq("_id", id)).first()).map(TimerStore::fromDocument);
	}

	Map<String, CaseTimer> findAll(Collection<String> ids) {
		Map<String, CaseTimer> found = new HashMap<>();
		byIds(ids, (filter) -> this.timers.find(filter).forEach((document) -> {
			CaseTimer timer = fromDocument(document);
			found.put(timer.id(), timer);
		}));
		return found;
	}

	List<CaseTimer> findByCase(CaseId caseId) {
		List<String> ids = java.util.Arrays.stream(SlaTimerKind.values()).map((k) -> CaseTimer.idOf(caseId, k)).toList();
		return List.copyOf(findAll(ids).values());
	}

	/**
	 * Stores a new timer (its hint first).
	 * @return the stored timer, or empty when one with this id exists already
	 */
	Optional<CaseTimer> insert(CaseTimer timer) {
		CaseTimer stored = timer.stored(1, newRev());
		pushHints(hintsFor(List.of(stored)));
		try {
			this.timers.insertOne(toDocument(stored));
			count(List.of(new Change(null, stored)));
			return Optional.of(stored);
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			return Optional.empty();
		}
	}

	/** Stores many new timers at once, for bulk loads (the benchmark); existing ids are left as they are. */
	void insertAll(List<CaseTimer> newTimers) {
		List<CaseTimer> stored = newTimers.stream().map((t) -> t.stored(1, newRev())).toList();
		pushHints(hintsFor(stored));
		java.util.Set<Integer> duplicates = new java.util.HashSet<>();
		try {
			this.timers.insertMany(stored.stream().map(TimerStore::toDocument).toList(),
					new InsertManyOptions().ordered(false));
		}
		catch (MongoBulkWriteException ex) {
			if (ex.getWriteErrors().stream().anyMatch((e) -> e.getCategory() != ErrorCategory.DUPLICATE_KEY)) {
				throw ex;
			}
			ex.getWriteErrors().forEach((e) -> duplicates.add(e.getIndex()));
		}
		List<Change> changes = new ArrayList<>();
		for (int i = 0; i < stored.size(); i++) {
			if (!duplicates.contains(i)) {
				changes.add(new Change(null, stored.get(i)));
			}
		}
		count(changes);
	}

	/**
	 * Compare-and-set: replaces the timer if it is still at {@code expectedRev}, its hint written first.
	 * @return the stored timer with its new rev, or empty when someone else changed it meanwhile
	 */
	Optional<CaseTimer> replace(CaseTimer updated, CaseTimer current) {
		Map<String, CaseTimer> written = replaceAll(List.of(new Write(updated, current)), false);
		return Optional.ofNullable(written.get(updated.id()));
	}

	/**
	 * Compare-and-set of many timers in one round trip (and one for their hints).
	 * @return the timers written, by id; the others lost their race
	 */
	Map<String, CaseTimer> replaceAll(List<Write> writes, boolean deferCounts) {
		Map<String, CaseTimer> written = new LinkedHashMap<>();
		if (writes.isEmpty()) {
			return written;
		}
		List<CaseTimer> stored = new ArrayList<>();
		List<WriteModel<Document>> models = new ArrayList<>();
		Map<String, CaseTimer> previous = new HashMap<>();
		for (Write write : writes) {
			CaseTimer next = write.timer().stored(write.timer().version() + 1, newRev());
			stored.add(next);
			previous.put(next.id(), write.previous());
			models.add(new UpdateOneModel<>(cas(next.id(), write.expectedRev()),
					changes(toDocument(write.previous()), toDocument(next))));
		}
		long t = this.times.start();
		pushHints(hintsFor(stored));
		this.times.add("record.hints", t);
		t = this.times.start();
		BulkWriteResult result = this.timers.bulkWrite(models, new BulkWriteOptions().ordered(false));
		this.times.add("record.timers", t);
		if (result.getMatchedCount() == writes.size()) {
			stored.forEach((timer) -> written.put(timer.id(), timer));
		}
		else {
			Map<String, Long> revs = revs(stored.stream().map(CaseTimer::id).toList());
			for (CaseTimer timer : stored) {
				Long rev = revs.get(timer.id());
				if (rev != null && rev == timer.rev()) {
					written.put(timer.id(), timer);
				}
			}
		}
		t = this.times.start();
		List<Change> changes = written.values().stream().map((timer) -> new Change(previous.get(timer.id()), timer)).toList();
		if (deferCounts) {
			synchronized (this.pendingCounts) {
				collect(this.pendingCounts, changes);
			}
		}
		else {
			count(changes);
		}
		this.times.add("record.counts", t);
		return written;
	}

	/**
	 * Claims due timers for this instance: a lease document {@code <timer>@<rev>} per hint in
	 * {@code sla_leases}, inserted (the unique {@code _id} lets exactly one instance have it) or taken
	 * over once its holder's lease ran out (compare-and-set on {@code (_id, until)}); then the timers are
	 * read, and a timer counts as claimed only if it is still at the rev its hint named. The timer
	 * document itself is not written: a claim costs a small insert, not an update of the timer.
	 * @return the timers claimed (by id, at the hint's rev), and the leases held by others (by timer id)
	 */
	Claims claim(Collection<Due> entries, CaseTimer.Lease lease) {
		Instant now = this.clock.instant();
		Map<String, Due> byLease = new LinkedHashMap<>();
		for (Due due : entries) {
			byLease.putIfAbsent(leaseId(due.timerId(), due.rev()), due);
		}
		Map<String, CaseTimer> claimed = new HashMap<>();
		Map<String, CaseTimer.Lease> held = new HashMap<>();
		if (byLease.isEmpty()) {
			return new Claims(claimed, held);
		}
		List<String> ids = List.copyOf(byLease.keySet());
		java.util.Set<String> won = new java.util.LinkedHashSet<>(ids);
		long t = this.times.start();
		try {
			this.leases.insertMany(ids.stream().map((id) -> leaseDocument(id, lease)).toList(),
					new InsertManyOptions().ordered(false));
		}
		catch (MongoBulkWriteException ex) {
			if (ex.getWriteErrors().stream().anyMatch((e) -> e.getCategory() != ErrorCategory.DUPLICATE_KEY)) {
				throw ex;
			}
			ex.getWriteErrors().forEach((e) -> won.remove(ids.get(e.getIndex())));
		}
		this.times.add("claim.leases", t);
		if (won.size() < ids.size()) {
			List<String> taken = ids.stream().filter((id) -> !won.contains(id)).toList();
			List<Document> others = new ArrayList<>();
			byIds(taken, (filter) -> this.leases.find(filter).into(others));
			for (Document other : others) {
				String id = other.getString("_id");
				Date until = other.getDate("until");
				if (!until.toInstant().isAfter(now) && takeOver(id, until, lease)) {
					won.add(id);
				}
				else {
					held.put(byLease.get(id).timerId(), new CaseTimer.Lease(other.getString("owner"), until.toInstant()));
				}
			}
		}
		if (won.isEmpty()) {
			return new Claims(claimed, held);
		}
		t = this.times.start();
		Map<String, CaseTimer> current = findAll(won.stream().map((id) -> byLease.get(id).timerId()).toList());
		this.times.add("claim.read", t);
		List<String> stale = new ArrayList<>();
		for (String id : won) {
			Due due = byLease.get(id);
			CaseTimer timer = current.get(due.timerId());
			if (timer != null && timer.rev() == due.rev()) {
				claimed.put(timer.id(), timer.withLease(lease));
			}
			else {
				stale.add(id);
			}
		}
		release(stale);
		return new Claims(claimed, held);
	}

	/** Ends leases: after the timer's firing was recorded, or when the hint it was taken for was stale. */
	void release(Collection<String> leaseIds) {
		byIds(leaseIds, this.leases::deleteMany);
	}

	/** Deletes leases that ran out before {@code before}: left by a crash, for hints nobody loads any more. */
	long deleteLeasesBefore(Instant before) {
		return this.leases.deleteMany(Filters.lt("until", date(before))).getDeletedCount();
	}

	static String leaseId(String timerId, long rev) {
		return timerId + "@" + rev;
	}

	private boolean takeOver(String leaseId, Date until, CaseTimer.Lease lease) {
		return this.leases
			.updateOne(new Document("_id", leaseId).append("until", until),
					Updates.combine(Updates.set("owner", lease.owner()), Updates.set("until", date(lease.until()))))
			.getMatchedCount() == 1;
	}

	private static Document leaseDocument(String leaseId, CaseTimer.Lease lease) {
		return new Document("_id", leaseId).append("owner", lease.owner()).append("until", date(lease.until()));
	}

	// ---- sla_schedule: the due-time buckets ----

	/** The slot a hint for {@code at} goes to: never one in the past, where loaders no longer look. */
	Instant slotOf(Instant at) {
		Instant now = this.clock.instant();
		Instant when = at.isBefore(now) ? now : at;
		long second = Math.floorDiv(when.getEpochSecond(), this.slotSeconds) * this.slotSeconds;
		return Instant.ofEpochSecond(second);
	}

	Instant slotStart(Instant at) {
		return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), this.slotSeconds) * this.slotSeconds);
	}

	Duration slotWidth() {
		return Duration.ofSeconds(this.slotSeconds);
	}

	int shards() {
		return this.shards;
	}

	static String bucketId(Instant slot, int shard) {
		return slot.truncatedTo(ChronoUnit.SECONDS) + "/" + ((shard < 10) ? "0" : "") + shard;
	}

	static Instant slotOfBucket(String bucketId) {
		return Instant.parse(bucketId.substring(0, bucketId.indexOf('/')));
	}

	int shardOf(String timerId) {
		return Math.floorMod(timerId.hashCode(), this.shards);
	}

	List<Hint> hintsFor(List<CaseTimer> stored) {
		List<Hint> hints = new ArrayList<>();
		for (CaseTimer timer : stored) {
			if (timer.nextFireAt() != null) {
				hints.add(new Hint(bucketId(slotOf(timer.nextFireAt()), shardOf(timer.id())), timer.id(), timer.rev(),
						timer.nextFireAt()));
			}
		}
		return hints;
	}

	/** Appends hints to their buckets, one upsert per bucket. */
	void pushHints(List<Hint> hints) {
		if (hints.isEmpty()) {
			return;
		}
		Map<String, List<String>> byBucket = new LinkedHashMap<>();
		for (Hint hint : hints) {
			byBucket.computeIfAbsent(hint.bucketId(), (id) -> new ArrayList<>()).add(hintToString(hint));
		}
		List<WriteModel<Document>> models = new ArrayList<>();
		byBucket.forEach((bucket, entries) -> models.add(new UpdateOneModel<>(Filters.eq("_id", bucket),
				Updates.combine(Updates.pushEach("entries", entries), Updates.inc("n", entries.size()),
						Updates.setOnInsert("slot", date(slotOfBucket(bucket)))),
				new UpdateOptions().upsert(true))));
		this.schedule.bulkWrite(models, new BulkWriteOptions().ordered(false));
	}

	/** The sizes of the given buckets that exist, by id (a projection: the entries are not read). */
	Map<String, Integer> bucketSizes(Collection<String> ids) {
		Map<String, Integer> sizes = new HashMap<>();
		byIds(ids, (filter) -> this.schedule.find(filter)
			.projection(Projections.include("n"))
			.forEach((bucket) -> sizes.put(bucket.getString("_id"), bucket.getInteger("n", 0))));
		return sizes;
	}

	/** The buckets of slots before {@code slot}, by id with their sizes: a range read, for the sweep. */
	Map<String, Integer> bucketsBefore(Instant slot) {
		Map<String, Integer> sizes = new HashMap<>();
		for (Document bucket : this.schedule.find(Filters.lt("slot", date(slot))).projection(Projections.include("n"))) {
			sizes.put(bucket.getString("_id"), bucket.getInteger("n", 0));
		}
		return sizes;
	}

	/** The hints of a bucket from position {@code from} on. */
	List<Hint> hints(String bucketId, int from) {
		long t = this.times.start();
		Document bucket = this.schedule.find(Filters.eq("_id", bucketId)).first();
		List<Hint> hints = new ArrayList<>();
		this.times.add("load.bucket", t);
		if (bucket == null) {
			return hints;
		}
		List<Object> entries = bucket.getList("entries", Object.class, List.of());
		for (int i = from; i < entries.size(); i++) {
			hints.add(hintOf(bucketId, entries.get(i)));
		}
		return hints;
	}

	/**
	 * A hint as one string, {@code timer|rev|atEpochMs}: a bucket collects the hints of every timer due in
	 * its slot (hundreds), and each {@code $push} makes the MongoDB-wire server copy, compare and re-encode
	 * the whole bucket. With one string per hint instead of a sub-document of three fields that costs about
	 * a third (measured: 3.7 against 1.1 ms for a bulk write of four pushes into buckets growing to 400
	 * hints), and the firing path pushes hints for every batch it records. Code from before this format reads
	 * only sub-documents: instances of both must not run side by side (nor may the code be rolled back) while
	 * buckets hold strings.
	 */
	static String hintToString(Hint hint) {
		return hint.timerId() + "|" + hint.rev() + "|" + hint.at().toEpochMilli();
	}

	/** A hint stored by {@link #hintToString}, or as a sub-document {@code {t, r, at}} (the format before). */
	static Hint hintOf(String bucketId, Object stored) {
		if (stored instanceof Document entry) {
			return new Hint(bucketId, entry.getString("t"), entry.getLong("r"), entry.getDate("at").toInstant());
		}
		if (!(stored instanceof String text)) {
			throw new IllegalArgumentException("sla_schedule.entries: not timer|rev|atEpochMs: " + stored);
		}
		int at = text.lastIndexOf('|');
		int rev = (at > 0) ? text.lastIndexOf('|', at - 1) : -1;
		if (rev <= 0) {
			throw new IllegalArgumentException("sla_schedule.entries: not timer|rev|atEpochMs: " + text);
		}
		try {
			return new Hint(bucketId, text.substring(0, rev), Long.parseLong(text.substring(rev + 1, at)),
					Instant.ofEpochMilli(Long.parseLong(text.substring(at + 1))));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("sla_schedule.entries: not timer|rev|atEpochMs: " + text, ex);
		}
	}

	/** Deletes a bucket whose hints were all dealt with, unless hints were added since it was read. */
	boolean deleteBucket(String bucketId, int size) {
		return this.schedule.deleteOne(new Document("_id", bucketId).append("n", size))
			.getDeletedCount() == 1;
	}

	// ---- statistics: sla_counts ----

	/*
	 * sla_counts holds one small document per department: {_id: department, open: n, due: {m<epoch
	 * minute>: n}}, the open timers and the running, not yet breached ones by the minute their target
	 * falls due. Every successful timer write adds its difference ($inc, one upsert per department, by
	 * _id only: a key lookup on every server). A crash between a timer write and its $inc leaves the
	 * counters off by that timer until the next full recount (FULL_RECOUNT, sla_config "counted").
	 */

	private void count(List<Change> changes) {
		Map<String, Map<String, Long>> deltas = new LinkedHashMap<>();
		collect(deltas, changes);
		write(deltas);
	}

	/**
	 * Writes the counter differences of the firing path's writes held back since the last call (the
	 * engine calls it every {@code refresh-interval}; {@link #countOpen} first): one {@code $inc} per
	 * department for many batches instead of one round trip per batch. A crash loses what was held back
	 * (the counters are off by it until the next full recount).
	 */
	void flushCounts() {
		Map<String, Map<String, Long>> deltas;
		synchronized (this.pendingCounts) {
			if (this.pendingCounts.isEmpty()) {
				return;
			}
			deltas = new LinkedHashMap<>(this.pendingCounts);
			this.pendingCounts.clear();
		}
		write(deltas);
	}

	private static void collect(Map<String, Map<String, Long>> deltas, List<Change> changes) {
		for (Change change : changes) {
			if (change.before() != null) {
				contribute(deltas, change.before(), -1);
			}
			contribute(deltas, change.after(), 1);
		}
	}

	private void write(Map<String, Map<String, Long>> deltas) {
		List<WriteModel<Document>> models = new ArrayList<>();
		deltas.forEach((department, fields) -> {
			Document inc = new Document();
			fields.forEach((field, delta) -> {
				if (delta != 0) {
					inc.append(field, delta);
				}
			});
			if (!inc.isEmpty()) {
				models.add(new UpdateOneModel<>(Filters.eq("_id", department), new Document("$inc", inc),
						new UpdateOptions().upsert(true)));
			}
		});
		if (!models.isEmpty()) {
			this.counts.bulkWrite(models, new BulkWriteOptions().ordered(false));
		}
	}

	private static void contribute(Map<String, Map<String, Long>> deltas, CaseTimer timer, long sign) {
		String status = timer.run().status().name().toLowerCase();
		contribute(deltas, timer.facts().department(), status, timer.dueAt(), timer.run().breachedAt(), sign);
	}

	private static void contribute(Map<String, Map<String, Long>> deltas, String department, String status,
			@Nullable Instant dueAt, @Nullable Instant breachedAt, long sign) {
		boolean running = "running".equals(status);
		if (!running && !"paused".equals(status)) {
			return;
		}
		Map<String, Long> fields = deltas.computeIfAbsent(department, (d) -> new LinkedHashMap<>());
		fields.merge("open", sign, Long::sum);
		if (running && dueAt != null && breachedAt == null) {
			fields.merge("due." + minuteKey(dueAt), sign, Long::sum);
		}
	}

	private static String minuteKey(Instant at) {
		return "m" + Math.floorDiv(at.getEpochSecond(), 60);
	}

	/**
	 * Open timers and running ones due by the given instant (to the minute), by department, read from
	 * the counters ({@code sla_counts}, a document per department); recomputed from every timer first
	 * when that was last done more than {@link #FULL_RECOUNT} ago (or never).
	 */
	List<DepartmentCount> countOpen(Instant dueBefore) {
		flushCounts();
		Instant now = this.clock.instant();
		Document counted = this.config.find(Filters.eq("_id", "counted")).first();
		if (counted == null || counted.getDate("at").toInstant().plus(FULL_RECOUNT).isBefore(now)) {
			recountAll(now);
		}
		long lastMinute = Math.floorDiv(dueBefore.getEpochSecond(), 60);
		List<DepartmentCount> result = new ArrayList<>();
		for (Document row : this.counts.find()) {
			long dueSoon = 0;
			Document due = row.get("due", Document.class);
			if (due != null) {
				for (Map.Entry<String, Object> entry : due.entrySet()) {
					if (Long.parseLong(entry.getKey().substring(1)) <= lastMinute) {
						dueSoon += ((Number) entry.getValue()).longValue();
					}
				}
			}
			long open = ((Number) row.get("open", 0L)).longValue();
			if (open > 0 || dueSoon > 0) {
				result.add(new DepartmentCount(String.valueOf(row.get("_id")), open, dueSoon));
			}
		}
		return result;
	}

	/**
	 * Recomputes the counters from every open timer: a full scan on the MongoDB-wire server, hence
	 * only once per {@link #FULL_RECOUNT}. Writes racing with it may leave a timer counted off until
	 * the next one.
	 */
	void recountAll(Instant now) {
		Map<String, Map<String, Long>> totals = new LinkedHashMap<>();
		for (Document d : this.timers.find(Filters.in("status", List.of("running", "paused")))
			.projection(Projections.include("department", "status", "dueAt", "breachedAt"))) {
			contribute(totals, String.valueOf(d.get("department")), d.getString("status"), instant(d.getDate("dueAt")),
					instant(d.getDate("breachedAt")), 1);
		}
		for (Map.Entry<String, Map<String, Long>> department : totals.entrySet()) {
			Document row = new Document("_id", department.getKey()).append("open", 0L);
			Document due = new Document();
			department.getValue().forEach((field, n) -> {
				if (field.equals("open")) {
					row.put("open", n);
				}
				else {
					due.append(field.substring("due.".length()), n);
				}
			});
			row.append("due", due);
			this.counts.replaceOne(Filters.eq("_id", department.getKey()), row,
					new com.mongodb.client.model.ReplaceOptions().upsert(true));
		}
		this.counts.deleteMany(Filters.nin("_id", List.copyOf(totals.keySet())));
		this.config.replaceOne(Filters.eq("_id", "counted"), new Document("_id", "counted").append("at", date(now)),
				new com.mongodb.client.model.ReplaceOptions().upsert(true));
	}

	/** The open timers (id and fingerprints only), for recomputing after a configuration change. */
	Iterable<Document> openTimerKeys() {
		return this.timers.find(Filters.in("status", List.of("running", "paused")))
			.projection(Projections.include("_id"));
	}

	/** The fingerprint of the SLA configuration the open timers were last recomputed with. */
	@Nullable String appliedConfiguration() {
		Document applied = this.config.find(Filters.eq("_id", "applied")).first();
		return (applied != null) ? applied.getString("fingerprint") : null;
	}

	void markApplied(String fingerprint) {
		this.config.replaceOne(Filters.eq("_id", "applied"),
				new Document("_id", "applied").append("fingerprint", fingerprint)
					.append("appliedAt", date(this.clock.instant())),
				new com.mongodb.client.model.ReplaceOptions().upsert(true));
	}

	private Map<String, Long> revs(List<String> ids) {
		Map<String, Long> revs = new HashMap<>();
		byIds(ids, (filter) -> this.timers.find(filter)
			.projection(Projections.include("rev"))
			.forEach((document) -> revs.put(document.getString("_id"), document.getLong("rev"))));
		return revs;
	}

	/** Runs {@code query} with {@code {_id: {$in: ...}}} filters of at most {@link #IDS_PER_QUERY} ids each. */
	private static void byIds(Collection<String> ids, Consumer<Bson> query) {
		List<String> all = List.copyOf(ids);
		for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
			query.accept(Filters.in("_id", all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY))));
		}
	}

	/**
	 * The compare-and-set filter {@code {_id, rev}}, as a plain document: {@code Filters.and} renders as
	 * {@code {$and: [...]}}, which the MongoDB-wire server answers by scanning every timer (found by the
	 * benchmark: a claim of 256 timers among 50,000 took tens of seconds), while the exact keys of the
	 * unique index {@code cas} are a hash lookup there and an index seek on MongoDB.
	 */
	private static Bson cas(String id, long rev) {
		return new Document("_id", id).append("rev", rev);
	}

	/**
	 * The update that turns {@code before} into {@code after}: {@code $set} of the top-level fields that
	 * differ, {@code $unset} of those gone. Applied under the compare-and-set on the rev of
	 * {@code before}, it has the effect of replacing the document, but sends and rewrites less: the
	 * MongoDB-wire server copies the stored document for an update either way, but a replacement is
	 * one more full document to decode and copy.
	 */
	static Document changes(Document before, Document after) {
		Document set = new Document();
		after.forEach((field, value) -> {
			if (!field.equals("_id") && !java.util.Objects.equals(before.get(field), value)) {
				set.append(field, value);
			}
		});
		Document unset = new Document();
		before.keySet().stream().filter((field) -> !after.containsKey(field)).forEach((field) -> unset.append(field, ""));
		Document update = new Document("$set", set);
		if (!unset.isEmpty()) {
			update.append("$unset", unset);
		}
		return update;
	}

	static long newRev() {
		return ThreadLocalRandom.current().nextLong();
	}

	// ---- mapping ----

	static Document toDocument(CaseTimer t) {
		CaseTimer.Facts facts = t.facts();
		CaseTimer.Setup setup = t.setup();
		CaseTimer.Run run = t.run();
		List<String> steps = setup.steps().stream().map(TimerStore::stepToString).toList();
		List<Document> pauses = run.pauses()
			.stream()
			.map((p) -> new Document("from", date(p.from())).append("to", date(p.to())))
			.toList();
		List<String> history = t.history().stream().map(TimerStore::firingToString).toList();
		Document document = new Document("_id", t.id()).append("caseId", facts.caseId().value())
			.append("customerId", facts.customerId().value())
			.append("department", facts.department())
			.append("category", facts.category())
			.append("severity", facts.severity())
			.append("customerTier", facts.customerTier())
			.append("timer", t.kind().wireName())
			.append("policyId", setup.policyId())
			.append("policyFingerprint", setup.policyFingerprint())
			.append("clock", setup.clock().wireName())
			.append("calendarId", setup.calendarId())
			.append("calendarFingerprint", setup.calendarFingerprint())
			.append("targetMs", setup.target().toMillis())
			.append("promisedDueAt", date(setup.promisedDueAt()))
			.append("steps", steps)
			.append("cycle", run.cycle())
			.append("startedBy", run.startedBy())
			.append("startedAt", date(run.startedAt()))
			.append("pauses", pauses)
			.append("status", run.status().name().toLowerCase())
			.append("done", run.done())
			.append("breachedAt", date(run.breachedAt()))
			.append("stoppedAt", date(run.stoppedAt()))
			.append("stoppedBy", run.stoppedBy())
			.append("outcome", (run.outcome() != null) ? run.outcome().name().toLowerCase() : null)
			.append("dueAt", date(t.dueAt()))
			.append("nextFireAt", date(t.nextFireAt()))
			.append("lease",
					(t.lease() != null)
							? new Document("owner", t.lease().owner()).append("until", date(t.lease().until())) : null)
			.append("version", t.version())
			.append("rev", t.rev())
			.append("history", history);
		// Fields without a value are left out (read back as null): smaller documents.
		document.values().removeIf(java.util.Objects::isNull);
		return document;
	}

	static CaseTimer fromDocument(Document d) {
		CaseTimer.Facts facts = new CaseTimer.Facts(CaseId.of(d.getString("caseId")),
				CustomerId.of(d.getString("customerId")), d.getString("department"), d.getString("category"),
				d.getString("severity"), d.getString("customerTier"));
		List<Step> steps = d.getList("steps", Object.class, List.of()).stream().map(TimerStore::stepOf).toList();
		CaseTimer.Setup setup = new CaseTimer.Setup(d.getString("policyId"), d.getString("policyFingerprint"),
				ClockKind.fromWire(d.getString("clock"), "sla_timers.clock"), d.getString("calendarId"),
				d.getString("calendarFingerprint"), Duration.ofMillis(d.getLong("targetMs")),
				instant(d.getDate("promisedDueAt")), steps);
		List<CaseTimer.Pause> pauses = d.getList("pauses", Document.class, List.of())
			.stream()
			.map((p) -> new CaseTimer.Pause(p.getDate("from").toInstant(), instant(p.getDate("to"))))
			.toList();
		String outcome = d.getString("outcome");
		CaseTimer.Run run = new CaseTimer.Run(d.getInteger("cycle", 0), d.getString("startedBy"),
				d.getDate("startedAt").toInstant(), pauses, CaseTimer.Status.valueOf(d.getString("status").toUpperCase()),
				d.getList("done", String.class, List.of()), instant(d.getDate("breachedAt")),
				instant(d.getDate("stoppedAt")), d.getString("stoppedBy"),
				(outcome != null) ? CaseTimer.Outcome.valueOf(outcome.toUpperCase()) : null);
		Document lease = d.get("lease", Document.class);
		List<CaseTimer.Firing> history = d.getList("history", Object.class, List.of())
			.stream()
			.map(TimerStore::firingOf)
			.toList();
		return new CaseTimer(d.getString("_id"), facts, SlaTimerKind.fromWire(d.getString("timer")), setup, run,
				instant(d.getDate("dueAt")), instant(d.getDate("nextFireAt")),
				(lease != null) ? new CaseTimer.Lease(lease.getString("owner"), lease.getDate("until").toInstant())
						: null,
				d.getLong("version"), d.getLong("rev"), history);
	}

	/**
	 * A step as one string, {@code key|type|offsetMs|fraction|level|escalateTo} (escalateTo empty when
	 * none): a timer's six steps as six strings instead of six sub-documents of six fields, which is what
	 * makes a timer document small (the MongoDB-wire server holds every field of every document as a
	 * Java map entry: at a million timers the sub-documents alone took gigabytes of its heap).
	 */
	static String stepToString(Step step) {
		return step.key() + "|" + step.type().name().toLowerCase() + "|" + step.offset().toMillis() + "|"
				+ step.fraction() + "|" + step.level() + "|" + ((step.escalateTo() != null) ? step.escalateTo() : "");
	}

	/** A step stored by {@link #stepToString}, or as a sub-document (the format before). */
	static Step stepOf(Object stored) {
		if (stored instanceof Document s) {
			return new Step(s.getString("key"), StepType.valueOf(s.getString("type").toUpperCase()),
					Duration.ofMillis(s.getLong("offsetMs")), s.getDouble("fraction"), s.getInteger("level", 0),
					s.getString("escalateTo"));
		}
		String[] parts = ((String) stored).split("\\|", 6);
		if (parts.length != 6) {
			throw new IllegalArgumentException("sla_timers.steps: not key|type|offsetMs|fraction|level|escalateTo: " + stored);
		}
		return new Step(parts[0], StepType.valueOf(parts[1].toUpperCase()), Duration.ofMillis(Long.parseLong(parts[2])),
				Double.parseDouble(parts[3]), Integer.parseInt(parts[4]), parts[5].isEmpty() ? null : parts[5]);
	}

	/**
	 * A firing of the history as one string, {@code cycle|step|scheduledAtEpochMs|firedAtEpochMs|skipped}:
	 * like the steps, one string instead of a sub-document of six fields. The MongoDB-wire server holds
	 * each sub-document as a map with its own copy of every key and copies and re-encodes the whole timer
	 * on each write, so at a million timers the history's sub-documents were a large part of its heap and
	 * of the cost of each firing's write. The lateness is not stored: it is firedAt minus scheduledAt.
	 */
	static String firingToString(CaseTimer.Firing firing) {
		return firing.cycle() + "|" + firing.step() + "|" + firing.scheduledAt().toEpochMilli() + "|"
				+ firing.firedAt().toEpochMilli() + "|" + firing.skipped();
	}

	/** A firing stored by {@link #firingToString}, or as a sub-document (the format before). */
	static CaseTimer.Firing firingOf(Object stored) {
		if (stored instanceof Document f) {
			return new CaseTimer.Firing(f.getInteger("cycle", 0), f.getString("step"),
					f.getDate("scheduledAt").toInstant(), f.getDate("firedAt").toInstant(),
					f.getBoolean("skipped", false));
		}
		String text = (String) stored;
		int first = text.indexOf('|');
		int last = text.lastIndexOf('|');
		int firedAt = text.lastIndexOf('|', last - 1);
		int scheduledAt = text.lastIndexOf('|', firedAt - 1);
		if (first < 0 || scheduledAt <= first || !(text.endsWith("|true") || text.endsWith("|false"))) {
			throw new IllegalArgumentException(
					"sla_timers.history: not cycle|step|scheduledAtEpochMs|firedAtEpochMs|skipped: " + text);
		}
		return new CaseTimer.Firing(Integer.parseInt(text.substring(0, first)), text.substring(first + 1, scheduledAt),
				Instant.ofEpochMilli(Long.parseLong(text.substring(scheduledAt + 1, firedAt))),
				Instant.ofEpochMilli(Long.parseLong(text.substring(firedAt + 1, last))),
				Boolean.parseBoolean(text.substring(last + 1)));
	}

	private static @Nullable Date date(@Nullable Instant instant) {
		return (instant != null) ? Date.from(instant) : null;
	}

	private static @Nullable Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	/** A compare-and-set write: the timer as it should become, and the rev it must still have. */
	record Write(CaseTimer timer, CaseTimer previous) {

		long expectedRev() {
			return this.previous.rev();
		}

	}

	/** What a claim got: the timers claimed, by id, and the leases others hold, by timer id. */
	record Claims(Map<String, CaseTimer> claimed, Map<String, CaseTimer.Lease> held) {

	}

	/** A timer written: as it was (none when new) and as it is now, for the counters. */
	record Change(@Nullable CaseTimer before, CaseTimer after) {

	}

	/** A hint in a bucket: the timer may fire at {@code at} if it is still at {@code rev}. */
	record Hint(String bucketId, String timerId, long rev, Instant at) {

	}

	record DepartmentCount(String department, long open, long dueSoon) {

	}

}
