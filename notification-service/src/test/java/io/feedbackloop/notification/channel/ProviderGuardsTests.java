package io.feedbackloop.notification.channel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The guards with the service's rules: what is retried, what opens the circuit, what the bulkhead turns away. */
class ProviderGuardsTests {

	private static final Recipient SMS = new Recipient(ChannelType.SMS, "+8613800138000");

	private static final OutgoingMessage MESSAGE = new OutgoingMessage("d-1", "acknowledgement", SMS.address(), "",
			"您的投诉已受理", null, Map.of());

	private final AtomicInteger calls = new AtomicInteger();

	@Test
	void temporaryFailureIsRetriedQuicklyAndReportedWithTheProvidersReason() {
		ProviderGuards guards = guards((message) -> {
			this.calls.incrementAndGet();
			throw new TemporaryDeliveryException("SMS gateway answered 503: gateway unavailable");
		});

		SendOutcome outcome = guards.send(SMS, MESSAGE);

		assertThat(outcome.result()).isEqualTo(SendOutcome.Result.FAILED);
		assertThat(outcome.calls()).isEqualTo(3).isEqualTo(this.calls.get());
		assertThat(outcome.reason()).isEqualTo("SMS gateway answered 503: gateway unavailable");
	}

	@Test
	void refusalIsNotRetriedAndDoesNotOpenTheCircuit() {
		ProviderGuards guards = guards((message) -> {
			this.calls.incrementAndGet();
			throw new PermanentDeliveryException("rejected", "SMS gateway refused the message (400)");
		});

		for (int i = 0; i < 10; i++) {
			assertThat(guards.send(SMS, MESSAGE).result()).isEqualTo(SendOutcome.Result.REFUSED);
		}
		assertThat(this.calls.get()).isEqualTo(10);
		assertThat(guards.circuitBreaker("sms").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void providerThatKeepsFailingIsNotCalledOnceItsCircuitIsOpenAndOtherProvidersAreNotAffected() {
		ProviderGuards guards = guards((message) -> {
			this.calls.incrementAndGet();
			throw new TemporaryDeliveryException("webhook answered 503");
		});
		Recipient ops = new Recipient(ChannelType.WEBHOOK, "https://ops.example.com:8443/hooks/feedback?token=x");
		OutgoingMessage notice = new OutgoingMessage("d-2", "staff-assigned", ops.address(), "", "", null, Map.of());

		guards.send(ops, notice);
		guards.send(ops, notice);
		int before = this.calls.get();
		SendOutcome refused = guards.send(ops, notice);

		assertThat(ProviderGuards.providerOf(ops)).isEqualTo("webhook-ops.example.com-8443");
		assertThat(guards.circuitBreaker("webhook-ops.example.com-8443").getState())
			.isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(refused.result()).isEqualTo(SendOutcome.Result.NOT_ATTEMPTED);
		assertThat(refused.failureKind()).isEqualTo("circuit-open");
		assertThat(refused.calls()).isZero();
		assertThat(this.calls.get()).isEqualTo(before);
		assertThat(guards.circuitBreaker("webhook-billing.example.com").getState())
			.isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void bulkheadTurnsAwayACallWhileTheProvidersPlacesAreTaken() throws Exception {
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ProviderGuards guards = guards((message) -> {
			inside.countDown();
			await(release);
			return "sms-1";
		});

		CompletableFuture<SendOutcome> slow = CompletableFuture.supplyAsync(() -> guards.send(SMS, MESSAGE));
		assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
		SendOutcome turnedAway = guards.send(SMS, MESSAGE);
		release.countDown();

		assertThat(turnedAway.result()).isEqualTo(SendOutcome.Result.NOT_ATTEMPTED);
		assertThat(turnedAway.failureKind()).isEqualTo("bulkhead-full");
		assertThat(slow.get(10, TimeUnit.SECONDS).providerMessageId()).isEqualTo("sms-1");
	}

	/** The rules of application.yml (what is retried, what counts as a failure) with small numbers. */
	private static ProviderGuards guards(Function<OutgoingMessage, String> provider) {
		return new ProviderGuards(List.of(sender(ChannelType.SMS, provider), sender(ChannelType.WEBHOOK, provider)),
				CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
					.slidingWindowSize(6)
					.minimumNumberOfCalls(6)
					.failureRateThreshold(50)
					.waitDurationInOpenState(Duration.ofMinutes(1))
					.recordExceptions(TemporaryDeliveryException.class)
					.ignoreExceptions(PermanentDeliveryException.class)
					.build()),
				RetryRegistry.of(RetryConfig.custom()
					.maxAttempts(3)
					.waitDuration(Duration.ofMillis(1))
					.retryExceptions(TemporaryDeliveryException.class)
					.ignoreExceptions(PermanentDeliveryException.class)
					.build()),
				BulkheadRegistry.of(BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build()));
	}

	private static ChannelSender sender(ChannelType type, Function<OutgoingMessage, String> provider) {
		return new ChannelSender() {

			@Override
			public ChannelType type() {
				return type;
			}

			@Override
			public String send(OutgoingMessage message) {
				return provider.apply(message);
			}

		};
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
