package io.feedbackloop.router.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Event;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * What one change does to a case document: fields set, unset and counted up, history entries and the
 * events that announce it, all written in one atomic update together with the version increment.
 */
public final class CaseChange {

	private final Map<String, @Nullable Object> set = new LinkedHashMap<>();

	private final Set<String> unset = new LinkedHashSet<>();

	private final Map<String, Integer> inc = new LinkedHashMap<>();

	private final List<ComplaintCase.HistoryEntry> history = new ArrayList<>();

	private final List<Event<?>> events = new ArrayList<>();

	private final List<String> linkedFeedback = new ArrayList<>();

	/** Sets a field; instants and statuses are stored the way {@link CaseStore} reads them. */
	public CaseChange set(String field, @Nullable Object value) {
		if (value == null) {
			this.unset.add(field);
			this.set.remove(field);
			return this;
		}
		Object stored = value;
		if (value instanceof Instant instant) {
			stored = Date.from(instant);
		}
		else if (value instanceof CaseStatus status) {
			stored = status.wireName();
		}
		this.set.put(field, stored);
		this.unset.remove(field);
		return this;
	}

	public CaseChange increment(String field) {
		this.inc.merge(field, 1, Integer::sum);
		return this;
	}

	public CaseChange history(ComplaintCase.HistoryEntry entry) {
		this.history.add(entry);
		return this;
	}

	public CaseChange event(Event<?> event) {
		this.events.add(event);
		return this;
	}

	public CaseChange linkFeedback(String feedbackId) {
		this.linkedFeedback.add(feedbackId);
		return this;
	}

	List<ComplaintCase.HistoryEntry> transitions() {
		return this.history.stream()
			.filter((h) -> ComplaintCase.HistoryEntry.TRANSITION.equals(h.action()))
			.toList();
	}

	List<Event<?>> events() {
		return List.copyOf(this.events);
	}

	Bson toUpdate() {
		List<Bson> updates = new ArrayList<>();
		this.set.forEach((field, value) -> updates.add(Updates.set(field, value)));
		this.unset.forEach((field) -> updates.add(Updates.unset(field)));
		this.inc.forEach((field, by) -> updates.add(Updates.inc(field, by)));
		updates.add(Updates.inc("version", 1L));
		if (!this.history.isEmpty()) {
			updates.add(Updates.pushEach("history", this.history.stream().map(CaseStore::historyToDocument).toList(),
					new PushOptions()));
		}
		if (!this.events.isEmpty()) {
			updates.add(Updates.pushEach(CaseStore.PENDING_EVENTS,
					this.events.stream().map((e) -> PendingEvent.of(e).toDocument()).toList(), new PushOptions()));
		}
		if (!this.linkedFeedback.isEmpty()) {
			updates.add(Updates.addEachToSet(CaseStore.LINKED_FEEDBACK, this.linkedFeedback));
		}
		return Updates.combine(updates);
	}

}
