package io.feedbackloop.platform.consumer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.config.ClientFactoryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.utils.BindingUtils;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The error handling of every Kafka consumer binding, moved from the binder into the listener
 * container ({@link ListenerContainerWithDlqAndRetryCustomizer}) so that an outage and a bad event are
 * told apart:
 * <ul>
 * <li>an outage ({@link InfrastructureFailures}: MongoDB or Kafka unavailable) is retried without
 * limit, waiting {@code feedbackloop.outage.retry-initial-interval}, doubling up to
 * {@code retry-max-interval}; the record is sought back each time, so its partition does not move on
 * and no offset past it is committed: order is kept and nothing is dead-lettered;</li>
 * <li>any other failure keeps the binding's own settings ({@code max-attempts}, its back-off,
 * {@code retryable-exceptions}), then goes to the binding's dead-letter topic ({@code dlq-name}) with
 * the headers the binder wrote ({@code x-original-*}, {@code x-exception-*}), through a producer
 * configured like the binder's ({@code dlq-producer-properties}, so the platform's
 * {@link io.feedbackloop.platform.deadletter.DeadLetterHeadersInterceptor} adds {@code dlq_reason}
 * and the rest).</li>
 * </ul>
 * A failure that changes kind (an outage, then a bad event once MongoDB is back) starts counting
 * afresh. Every try that fails for an outage is logged (WARN) and counted ({@value #OUTAGE_RETRIES}, by
 * topic, group and exception).
 *
 * <p>It applies to bindings with {@code max-attempts} above 1 (the binder keeps its own error
 * handling otherwise), which every consumer of the platform has.
 */
public class OutageTolerantErrorHandling implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

	/** Counter of the tries of an event that failed because of an outage and will be tried again. */
	public static final String OUTAGE_RETRIES = "feedbackloop.events.outage.retries";

	private static final Logger log = LoggerFactory.getLogger(OutageTolerantErrorHandling.class);

	private final OutageProperties properties;

	private final Supplier<KafkaBinderConfigurationProperties> binderProperties;

	private final List<ClientFactoryCustomizer> clientFactoryCustomizers;

	private final MeterRegistry meters;

	private final List<DefaultKafkaProducerFactory<byte[], byte[]>> deadLetterProducers = new CopyOnWriteArrayList<>();

	/**
	 * @param binderProperties the Kafka binder's configuration, for the dead-letter producers
	 * @param clientFactoryCustomizers applied to every dead-letter producer factory, as the binder does
	 */
	public OutageTolerantErrorHandling(OutageProperties properties,
			Supplier<KafkaBinderConfigurationProperties> binderProperties,
			List<ClientFactoryCustomizer> clientFactoryCustomizers, MeterRegistry meters) {
		this.properties = properties;
		this.binderProperties = binderProperties;
		this.clientFactoryCustomizers = clientFactoryCustomizers;
		this.meters = meters;
	}

	@Override
	public boolean retryAndDlqInBinding(String destinationName, String group) {
		return false;
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			@Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
			@Nullable BackOff backOff) {
		configure(container, destinationName, group, dlqDestinationResolver, backOff, null);
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			@Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
			@Nullable BackOff backOff, @Nullable ExtendedConsumerProperties<KafkaConsumerProperties> binding) {
		boolean deadLetters = binding != null && binding.getExtension().isEnableDlq() && dlqDestinationResolver != null;
		ConsumerRecordRecoverer recoverer = deadLetters ? deadLetterRecoverer(binding, dlqDestinationResolver)
				: (record, ex) -> log.error("Consumer {} skips {}: no dead-letter topic is configured", group,
						KafkaUtils.format(record), ex);
		container.setCommonErrorHandler(errorHandler(group, recoverer, backOff, binding));
	}

	DefaultErrorHandler errorHandler(String group, ConsumerRecordRecoverer recoverer, @Nullable BackOff backOff,
			@Nullable ExtendedConsumerProperties<KafkaConsumerProperties> binding) {
		DefaultErrorHandler handler = new OutageAwareErrorHandler(recoverer,
				(backOff != null) ? backOff : new FixedBackOff(0, 0));
		if (binding != null) {
			if (!binding.isDefaultRetryable()) {
				handler.defaultFalse();
			}
			binding.getRetryableExceptions().forEach((type, retryable) -> classify(handler, type, retryable));
		}
		handler.addRetryableExceptions(Outage.class);
		handler.setBackOffFunction((record, ex) -> (ex instanceof Outage) ? outageBackOff() : null);
		// An outage, then a bad event once MongoDB is back (or the reverse): the back-off starts afresh.
		handler.setResetStateOnExceptionChange(true);
		handler.setRetryListeners(new Attempts(group));
		// Attempts logs every failure once, in fewer words than the container's stack trace.
		handler.setLogLevel(KafkaException.Level.DEBUG);
		return handler;
	}

	@SuppressWarnings("unchecked")
	private static void classify(DefaultErrorHandler handler, Class<? extends Throwable> type, boolean retryable) {
		if (Exception.class.isAssignableFrom(type)) {
			if (retryable) {
				handler.addRetryableExceptions((Class<? extends Exception>) type);
			}
			else {
				handler.addNotRetryableExceptions((Class<? extends Exception>) type);
			}
		}
	}

	/** Unlimited: waits {@code retry-initial-interval}, doubling up to {@code retry-max-interval}. */
	BackOff outageBackOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.properties.retryInitialInterval().toMillis(), 2.0);
		backOff.setMaxInterval(this.properties.retryMaxInterval().toMillis());
		return backOff;
	}

	private ConsumerRecordRecoverer deadLetterRecoverer(ExtendedConsumerProperties<KafkaConsumerProperties> binding,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination) {
		Map<String, Object> configs = BindingUtils.createProducerConfigs(
				new ExtendedProducerProperties<>(binding.getExtension().getDlqProducerProperties()),
				this.binderProperties.get());
		DefaultKafkaProducerFactory<byte[], byte[]> producers = new DefaultKafkaProducerFactory<>(configs);
		this.clientFactoryCustomizers.forEach((customizer) -> customizer.configure(producers));
		this.deadLetterProducers.add(producers);
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers),
				destination);
		recoverer.setHeaderNamesSupplier(OutageTolerantErrorHandling::binderHeaderNames);
		recoverer.setExceptionHeadersCreator(OutageTolerantErrorHandling::binderExceptionHeaders);
		return recoverer;
	}

	/** The header names the binder's own dead-letter records have, which tools and tests read. */
	static DeadLetterPublishingRecoverer.HeaderNames binderHeaderNames() {
		return DeadLetterPublishingRecoverer.HeaderNames.Builder.original()
			.topicHeader(KafkaMessageChannelBinder.X_ORIGINAL_TOPIC)
			.partitionHeader(KafkaMessageChannelBinder.X_ORIGINAL_PARTITION)
			.offsetHeader(KafkaMessageChannelBinder.X_ORIGINAL_OFFSET)
			.timestampHeader(KafkaMessageChannelBinder.X_ORIGINAL_TIMESTAMP)
			.timestampTypeHeader(KafkaMessageChannelBinder.X_ORIGINAL_TIMESTAMP_TYPE)
			.consumerGroupHeader("x-original-consumer-group")
			.exception()
			.exceptionFqcn(KafkaMessageChannelBinder.X_EXCEPTION_FQCN)
			.exceptionCauseFqcn("x-exception-cause-fqcn")
			.exceptionMessage(KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE)
			.exceptionStacktrace(KafkaMessageChannelBinder.X_EXCEPTION_STACKTRACE)
			.keyExceptionFqcn("x-key-exception-fqcn")
			.keyExceptionMessage("x-key-exception-message")
			.keyExceptionStacktrace("x-key-exception-stacktrace")
			.build();
	}

	/**
	 * The exception headers as the binder wrote them: of the exception the binding threw (not the
	 * container's "Listener failed" wrapper), its message followed by its cause's.
	 */
	static void binderExceptionHeaders(Headers headers, Exception exception, boolean isKey,
			DeadLetterPublishingRecoverer.HeaderNames names) {
		Throwable thrown = (exception instanceof ListenerExecutionFailedException && exception.getCause() != null)
				? exception.getCause() : exception;
		put(headers, KafkaMessageChannelBinder.X_EXCEPTION_FQCN, thrown.getClass().getName());
		String message = message(thrown);
		if (message != null) {
			put(headers, KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE, message);
		}
		StringWriter trace = new StringWriter();
		thrown.printStackTrace(new PrintWriter(trace, true));
		put(headers, KafkaMessageChannelBinder.X_EXCEPTION_STACKTRACE, trace.toString());
	}

	private static @Nullable String message(Throwable thrown) {
		Throwable cause = thrown.getCause();
		String message = thrown.getMessage();
		if (cause == null || cause == thrown || cause.getMessage() == null) {
			return message;
		}
		return (message != null) ? message + "; " + cause.getMessage() : cause.getMessage();
	}

	private static void put(Headers headers, String name, String value) {
		headers.remove(name);
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void destroy() {
		this.deadLetterProducers.forEach(DefaultKafkaProducerFactory::destroy);
	}

	/**
	 * Marks a failure caused by an outage as an {@link Outage} before the {@link DefaultErrorHandler}
	 * sees it. The handler keeps one back-off per record and starts a new one only when the class of
	 * the failure (below the container's wrapper) changes; a binding's function always fails with the
	 * same messaging wrapper, so without the mark an outage and a bad event would share one.
	 */
	static final class OutageAwareErrorHandler extends DefaultErrorHandler {

		OutageAwareErrorHandler(ConsumerRecordRecoverer recoverer, BackOff backOff) {
			super(recoverer, backOff);
		}

		@Override
		public boolean handleOne(Exception thrownException, ConsumerRecord<?, ?> record, Consumer<?, ?> consumer,
				MessageListenerContainer container) {
			return super.handleOne(marked(thrownException), record, consumer, container);
		}

		@Override
		public void handleRemaining(Exception thrownException, List<ConsumerRecord<?, ?>> records,
				Consumer<?, ?> consumer, MessageListenerContainer container) {
			super.handleRemaining(marked(thrownException), records, consumer, container);
		}

		private static Exception marked(Exception thrown) {
			if (thrown instanceof ListenerExecutionFailedException && thrown.getCause() instanceof Outage) {
				return thrown;
			}
			return InfrastructureFailures.isOutage(thrown)
					? new ListenerExecutionFailedException("Listener failed: outage", new Outage(thrown)) : thrown;
		}

	}

	/** A failure caused by an outage of the infrastructure (its cause), to be waited out. */
	static final class Outage extends RuntimeException {

		Outage(Exception cause) {
			super(cause.getMessage(), cause);
		}

	}

	/** Logs and counts the failed tries of one consumer group. */
	private final class Attempts implements RetryListener {

		private final String group;

		Attempts(String group) {
			this.group = group;
		}

		@Override
		public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
			Throwable outage = InfrastructureFailures.outageCause(ex);
			if (outage != null) {
				countOutage(record, outage);
				log.warn("Consumer {} waits for the infrastructure: {} failed (try {}) with {}: {}; the partition "
						+ "holds and the event is tried again (at most every {}), not dead-lettered", this.group,
						KafkaUtils.format(record), deliveryAttempt, outage.getClass().getName(), outage.getMessage(),
						OutageTolerantErrorHandling.this.properties.retryMaxInterval());
			}
			else {
				log.warn("Consumer {}: {} failed (try {}): {}", this.group, KafkaUtils.format(record),
						deliveryAttempt, NestedExceptionUtils.getMostSpecificCause(ex).toString());
			}
		}

		@Override
		public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
			log.warn("Consumer {} gave up on {}", this.group, KafkaUtils.format(record), ex);
		}

		@Override
		public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
			log.error("Consumer {} could not dead-letter {}; it will be tried again", this.group,
					KafkaUtils.format(record), failure);
			// Kafka not taking the dead letter holds the partition like any outage: counted (and alerted) alike.
			Throwable outage = InfrastructureFailures.outageCause(failure);
			if (outage != null) {
				countOutage(record, outage);
			}
		}

		private void countOutage(ConsumerRecord<?, ?> record, Throwable outage) {
			Counter.builder(OUTAGE_RETRIES)
				.description("Tries of an event that failed because MongoDB or Kafka was unavailable; "
						+ "the event waits and is tried again, never dead-lettered for it")
				.tag("topic", record.topic())
				.tag("group", this.group)
				.tag("exception", outage.getClass().getSimpleName())
				.register(OutageTolerantErrorHandling.this.meters)
				.increment();
		}

	}

}
