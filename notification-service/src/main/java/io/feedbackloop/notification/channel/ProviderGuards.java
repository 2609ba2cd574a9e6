package io.feedbackloop.notification.channel;

import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Hands a message to its provider through Resilience4j, per provider: a bulkhead (a slow provider
 * cannot take every sending thread), a circuit breaker (a provider that keeps failing is not called
 * until it had time to recover) and a retry with exponential back-off for short blips. Their
 * settings are {@code resilience4j.*} in application.yml. Each webhook host is a provider of its
 * own, so that one staff system's outage does not stop the others.
 */
@Component
public class ProviderGuards {

	private final Map<ChannelType, ChannelSender> senders = new EnumMap<>(ChannelType.class);

	private final CircuitBreakerRegistry circuitBreakers;

	private final RetryRegistry retries;

	private final BulkheadRegistry bulkheads;

	ProviderGuards(List<ChannelSender> senders, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
			BulkheadRegistry bulkheads) {
		senders.forEach((sender) -> this.senders.put(sender.type(), sender));
		this.circuitBreakers = circuitBreakers;
		this.retries = retries;
		this.bulkheads = bulkheads;
	}

	/** The provider a recipient's messages go through: {@code sms}, {@code email}, {@code ingest}, {@code webhook-<host>}. */
	public static String providerOf(Recipient recipient) {
		if (recipient.channel() != ChannelType.WEBHOOK) {
			return recipient.channel().wireName();
		}
		URI uri = URI.create(recipient.address());
		return "webhook-" + uri.getHost() + ((uri.getPort() >= 0) ? "-" + uri.getPort() : "");
	}

	/** Sends through the provider's guards; never throws for a delivery failure. */
	public SendOutcome send(Recipient recipient, OutgoingMessage message) {
		ChannelSender sender = this.senders.get(recipient.channel());
		if (sender == null) {
			throw new IllegalStateException("No sender for channel " + recipient.channel().wireName());
		}
		String provider = providerOf(recipient);
		AtomicInteger calls = new AtomicInteger();
		AtomicReference<TemporaryDeliveryException> lastFailure = new AtomicReference<>();
		Supplier<String> call = () -> {
			calls.incrementAndGet();
			try {
				return sender.send(message);
			}
			catch (TemporaryDeliveryException ex) {
				lastFailure.set(ex);
				throw ex;
			}
		};
		Supplier<String> guarded = Retry.decorateSupplier(this.retries.retry(provider),
				CircuitBreaker.decorateSupplier(this.circuitBreakers.circuitBreaker(provider),
						Bulkhead.decorateSupplier(this.bulkheads.bulkhead(provider), call)));
		try {
			return SendOutcome.sent(guarded.get(), calls.get());
		}
		catch (PermanentDeliveryException ex) {
			return SendOutcome.refused(ex, calls.get());
		}
		catch (TemporaryDeliveryException ex) {
			return SendOutcome.failed(ex, calls.get());
		}
		catch (CallNotPermittedException ex) {
			return notAttempted("circuit breaker of " + provider + " is open", "circuit-open", calls.get(),
					lastFailure.get());
		}
		catch (BulkheadFullException ex) {
			return notAttempted("bulkhead of " + provider + " is full", "bulkhead-full", calls.get(),
					lastFailure.get());
		}
	}

	/** A call refused by a guard; when earlier retries reached the provider, its failure is what counts. */
	private static SendOutcome notAttempted(String reason, String kind, int calls,
			@Nullable TemporaryDeliveryException lastFailure) {
		return (calls > 0 && lastFailure != null) ? SendOutcome.failed(lastFailure, calls)
				: SendOutcome.notAttempted(reason, kind, calls);
	}

	/** The circuit breaker of a provider, for health and tests. */
	public CircuitBreaker circuitBreaker(String provider) {
		return this.circuitBreakers.circuitBreaker(provider);
	}

}
