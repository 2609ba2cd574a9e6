package io.feedbackloop.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.notification.Complaints;
import io.feedbackloop.notification.NotificationServiceTestSupport;
import io.feedbackloop.notification.TestClock;
import io.feedbackloop.notification.channel.ChannelType;
import io.feedbackloop.notification.channel.Recipient;
import io.feedbackloop.notification.templates.RenderedMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox across crashes: what a dead instance held is taken over, what was sent is not sent again. */
class OutboxTests extends NotificationServiceTestSupport {

	@Autowired
	Deliveries queue;

	@Autowired
	Outbox outbox;

	@Autowired
	MongoDatabase database;

	@Autowired
	DeliveryAttempts attempts;

	@Autowired
	OutboxProperties properties;

	@Autowired
	DeliveryTracing tracing;

	@AfterEach
	void daytimeAgain() {
		this.clock.reset();
	}

	@Test
	void messageQueuedTwiceIsSentOnce() {
		String phone = Complaints.phone();
		DeliveryRequest request = request("progress");
		Delivery first = this.queue.enqueue(request, new Recipient(ChannelType.SMS, phone), message("第一次"));
		Delivery second = this.queue.enqueue(request, new Recipient(ChannelType.SMS, phone), message("第一次"));

		assertThat(second.id()).isEqualTo(first.id());
		await().atMost(TIMEOUT).until(() -> this.deliveries.find(first.id()).orElseThrow().status().isFinal());
		assertThat(smsTo(phone)).hasSize(1);
		this.queue.enqueue(request, new Recipient(ChannelType.SMS, phone), message("第一次"));
		assertThat(this.deliveries.find(first.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(smsTo(phone)).hasSize(1);
	}

	@Test
	void entryOfADeliveryAlreadySentIsDroppedWithoutSending() {
		// A crash after the provider accepted the message and the log said so, before the entry was removed.
		String phone = Complaints.phone();
		DeliveryRequest request = request("progress");
		String id = EventCodec.derivedId(request.eventId(), phone, request.template());
		Instant now = this.clock.instant();
		this.deliveries.insertIfAbsent(delivery(id, request, phone, DeliveryStatus.SENT, now));
		this.outbox.insertIfAbsent(entry(id, request, phone, now));

		await().atMost(TIMEOUT).until(() -> !queued(id));
		assertThat(smsTo(phone)).isEmpty();
	}

	@Test
	void aProviderThatCannotBeCalledReplacesWhyTheMessageWasHeldBackButNotItsLastFailure() {
		Instant now = this.clock.instant();
		DeliveryRequest request = request("progress");
		String heldBack = EventCodec.derivedId(request.eventId(), "held-back");
		String failed = EventCodec.derivedId(request.eventId(), "failed");
		this.deliveries.insertIfAbsent(delivery(heldBack, request, Complaints.phone(), DeliveryStatus.PENDING, now));
		this.deliveries.insertIfAbsent(delivery(failed, request, Complaints.phone(), DeliveryStatus.PENDING, now));
		// one held back for the night, the other refused by the provider: at 08:00 the circuit is open
		this.deliveries.markDeferred(heldBack, "quiet hours in Asia/Shanghai", now.plusSeconds(60));
		this.deliveries.recordAttemptFailed(failed, "SMS provider answered 503", now, 1, now.plusSeconds(60));

		this.deliveries.recordNotAttempted(heldBack, "the SMS provider's circuit is open", now.plusSeconds(120));
		this.deliveries.recordNotAttempted(failed, "the SMS provider's circuit is open", now.plusSeconds(120));

		assertThat(this.deliveries.find(heldBack).orElseThrow()).satisfies((d) -> {
			assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
			assertThat(d.reason()).isEqualTo("the SMS provider's circuit is open");
		});
		assertThat(this.deliveries.find(failed).orElseThrow().reason()).isEqualTo("SMS provider answered 503");
	}

	@Test
	void anInstanceThatIsStoppedGivesBackTheMessagesItHasNotStartedAndSendsNoneOfThem() {
		OutboxDrainer stopped = new OutboxDrainer(this.outbox, this.attempts, this.properties, this.tracing,
				this.clock);
		String phone = Complaints.phone();
		Instant due = this.clock.instant().plusSeconds(60);
		String id = queued(phone, due);
		// It claimed the message (with whatever else was due) for ten minutes; their turn comes after it was
		// told to stop.
		List<OutboxEntry> claimed = this.outbox.claimDue(due, 1000, stopped.owner(), Duration.ofMinutes(10));
		assertThat(claimed).anyMatch((e) -> e.id().equals(id));
		stopped.stop();

		claimed.forEach(stopped::attempt);

		Document released = this.database.getCollection(Outbox.COLLECTION).find(Filters.eq("_id", id)).first();
		assertThat(released).isNotNull();
		assertThat(released.getString("leaseOwner")).isNull();
		assertThat(smsTo(phone)).isEmpty();
		// given back untried: the running instance sends it once due, not once the ten minutes are over
		this.clock.setTo(due.plusSeconds(1));
		await().atMost(TIMEOUT).until(() -> this.deliveries.find(id).orElseThrow().status() == DeliveryStatus.SENT);
		assertThat(smsTo(phone)).singleElement().satisfies((sms) -> assertThat(sms.reference()).isEqualTo(id));
	}

	@Test
	void messageHeldByAnInstanceThatDiedIsSentOnceItsLeaseRunsOut() {
		String phone = Complaints.phone();
		Instant due = this.clock.instant().plusSeconds(60);
		String id = queued(phone, due);
		// Another instance claims it and dies: its lease holds the message for ten minutes.
		assertThat(this.outbox.claimDue(due, 1000, "dead-instance", Duration.ofMinutes(10)))
			.anyMatch((e) -> e.id().equals(id));

		this.clock.setTo(due.plus(Duration.ofMinutes(5)));
		Document held = this.database.getCollection(Outbox.COLLECTION).find(Filters.eq("_id", id)).first();
		assertThat(held).isNotNull();
		assertThat(held.getString("leaseOwner")).isEqualTo("dead-instance");
		// Several polls of the drainer pass (100 ms apart in the tests) and leave it alone.
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> smsTo(phone).isEmpty());

		this.clock.setTo(due.plus(Duration.ofMinutes(11)));
		await().atMost(TIMEOUT).until(() -> this.deliveries.find(id).orElseThrow().status() == DeliveryStatus.SENT);
		assertThat(smsTo(phone)).singleElement().satisfies((sms) -> assertThat(sms.reference()).isEqualTo(id));
	}

	@Test
	void anInstanceWhoseLeaseWasTakenOverDoesNotRenewIt() {
		DeliveryRequest request = request("progress");
		String id = EventCodec.derivedId(request.eventId(), Complaints.phone(), request.template());
		Instant due = this.clock.instant().plus(Duration.ofDays(1));
		this.outbox.insertIfAbsent(entry(id, request, Complaints.phone(), due));
		assertThat(this.outbox.claimDue(due, 1000, "slow-instance", Duration.ofMinutes(2)))
			.anyMatch((e) -> e.id().equals(id));
		assertThat(this.outbox.renew(id, "slow-instance", due.plus(Duration.ofMinutes(3)))).isTrue();

		// its lease ran out while it was sending the messages before this one: another instance took it over
		assertThat(this.outbox.claimDue(due.plus(Duration.ofMinutes(4)), 1000, "other-instance", Duration.ofMinutes(2)))
			.anyMatch((e) -> e.id().equals(id));

		assertThat(this.outbox.renew(id, "slow-instance", due.plus(Duration.ofMinutes(5)))).isFalse();
		Document held = this.database.getCollection(Outbox.COLLECTION).find(Filters.eq("_id", id)).first();
		assertThat(held).isNotNull();
		assertThat(held.getString("leaseOwner")).isEqualTo("other-instance");
		this.outbox.remove(id);
	}

	private boolean queued(String id) {
		return this.database.getCollection(Outbox.COLLECTION).find(Filters.eq("_id", id)).first() != null;
	}

	private static DeliveryRequest request(String template) {
		return new DeliveryRequest("event-" + UUID.randomUUID(), "C261123-" + UUID.randomUUID().toString().substring(0, 8),
				"cust-" + UUID.randomUUID(), Audience.CUSTOMER, template, "zh", Complaints.RECEIVED_AT,
				TestClock.SHANGHAI);
	}

	/** A delivery as the log holds it: pending, or sent (before a crash). */
	private static Delivery delivery(String id, DeliveryRequest request, String phone, DeliveryStatus status,
			Instant now) {
		boolean sent = status == DeliveryStatus.SENT;
		return new Delivery(id, request.eventId(), request.caseId(), request.customerId(), Audience.CUSTOMER,
				request.template(), ChannelType.SMS, phone, "zh", status, sent ? 1 : 0, sent ? "sms-0" : null, null, now,
				sent ? null : now, sent ? now : null, sent ? now : null);
	}

	private static RenderedMessage message(String text) {
		return new RenderedMessage("zh", "主题", text, "<p>" + text + "</p>");
	}

	/** A pending progress SMS to the phone, queued to be due then: its delivery id. */
	private String queued(String phone, Instant due) {
		DeliveryRequest request = request("progress");
		String id = EventCodec.derivedId(request.eventId(), phone, request.template());
		this.deliveries.insertIfAbsent(delivery(id, request, phone, DeliveryStatus.PENDING, this.clock.instant()));
		this.outbox.insertIfAbsent(entry(id, request, phone, due));
		return id;
	}

	private static OutboxEntry entry(String id, DeliveryRequest request, String phone, Instant due) {
		return new OutboxEntry(id, request.caseId(), request.customerId(), Audience.CUSTOMER, request.template(),
				new Recipient(ChannelType.SMS, phone), "主题", "您的投诉正在处理", null, Map.of(), ZoneId.of("Asia/Shanghai"),
				request.since(), due, due, 0, null);
	}

}
