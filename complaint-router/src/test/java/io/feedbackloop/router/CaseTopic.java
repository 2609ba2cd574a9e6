package io.feedbackloop.router;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventType;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.local.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What complaint-router published on {@code complaint.cases}, read back from the real broker. */
public final class CaseTopic {

	private CaseTopic() {
	}

	/**
	 * The distinct events (by event id) of one type with this subject, in topic order, waiting until
	 * {@code atLeast} arrived (or 20 s passed).
	 */
	public static <T> List<T> events(EventType<T> type, String subject, int atLeast) {
		return events(type, subject, (found) -> found.size() >= atLeast);
	}

	public static <T> List<T> events(EventType<T> type, String subject, Predicate<List<T>> enough) {
		List<ConsumerRecord<String, byte[]>> records = TestKafka.read(Topics.COMPLAINT_CASES.name(),
				(r) -> type.name().equals(TestKafka.header(r, CloudEventHeaders.TYPE))
						&& subject.equals(TestKafka.header(r, CloudEventHeaders.SUBJECT)),
				(found) -> enough.test(distinct(type, found)), Duration.ofSeconds(20));
		return distinct(type, records);
	}

	private static <T> List<T> distinct(EventType<T> type, List<ConsumerRecord<String, byte[]>> records) {
		Set<String> seen = new HashSet<>();
		List<T> found = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			Event<?> event = decode(record);
			if (seen.add(event.envelope().id())) {
				found.add(type.dataClass().cast(event.data()));
			}
		}
		return found;
	}

	/**
	 * The types of all events with this subject, in topic order, read until one of type {@code until}
	 * is among them (or 20 s passed).
	 */
	public static List<String> types(String subject, EventType<?> until) {
		return TestKafka
			.read(Topics.COMPLAINT_CASES.name(), (r) -> subject.equals(TestKafka.header(r, CloudEventHeaders.SUBJECT)),
					(found) -> found.stream()
						.anyMatch((r) -> until.name().equals(TestKafka.header(r, CloudEventHeaders.TYPE))),
					Duration.ofSeconds(20))
			.stream()
			.map((r) -> TestKafka.header(r, CloudEventHeaders.TYPE))
			.toList();
	}

	/** The ids of the events of one type with this subject, duplicates included. */
	public static List<String> ids(EventType<?> type, String subject, int atLeast) {
		return TestKafka
			.read(Topics.COMPLAINT_CASES.name(),
					(r) -> type.name().equals(TestKafka.header(r, CloudEventHeaders.TYPE))
							&& subject.equals(TestKafka.header(r, CloudEventHeaders.SUBJECT)),
					(found) -> found.size() >= atLeast, Duration.ofSeconds(20))
			.stream()
			.map((r) -> TestKafka.header(r, CloudEventHeaders.ID))
			.toList();
	}

	private static Event<?> decode(ConsumerRecord<String, byte[]> record) {
		return EventCodec.decode((name) -> {
			var header = record.headers().lastHeader(name);
			return (header != null) ? header.value() : null;
		}, record.key(), record.value());
	}

}
