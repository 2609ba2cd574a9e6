package io.feedbackloop.platform.consumer;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.feedbackloop.contracts.EventFormatException;
import io.feedbackloop.platform.PublishFailedException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;

class InfrastructureFailuresTests {

	@Test
	void mongoDbUnreachableIsAnOutageHoweverDeeplyTheBindingWrapsIt() {
		MongoTimeoutException timeout = new MongoTimeoutException("Timed out while waiting for a server");
		Exception translated = new DataAccessResourceFailureException("Timed out", timeout);

		assertThat(InfrastructureFailures.outageCause(asTheContainerSeesIt(translated))).isSameAs(translated);
		assertThat(InfrastructureFailures.outageCause(asTheContainerSeesIt(timeout))).isSameAs(timeout);
		assertThat(InfrastructureFailures.isOutage(asTheContainerSeesIt(
				new MongoSocketOpenException("Exception opening socket", new ServerAddress("127.0.0.1", 1)))))
			.isTrue();
		assertThat(InfrastructureFailures.isOutage(new QueryTimeoutException("slow"))).isTrue();
	}

	@Test
	void kafkaUnavailableWhilePublishingIsAnOutageButARefusedRecordIsNot() {
		assertThat(InfrastructureFailures.isOutage(asTheContainerSeesIt(
				new PublishFailedException("Kafka did not acknowledge", new TimeoutException()))))
			.isTrue();
		assertThat(InfrastructureFailures.isOutage(asTheContainerSeesIt(new PublishFailedException("no leader",
				new ExecutionException(new NotLeaderOrFollowerException("moving"))))))
			.isTrue();
		assertThat(InfrastructureFailures.isOutage(asTheContainerSeesIt(new PublishFailedException("refused",
				new ExecutionException(new RecordTooLargeException("too large"))))))
			.isFalse();
	}

	@Test
	void kafkaRefusingTheServicesCredentialsIsAnOutageNotAReasonToDeadLetterEveryEvent() {
		assertThat(InfrastructureFailures.isOutage(asTheContainerSeesIt(new PublishFailedException("refused",
				new ExecutionException(new TopicAuthorizationException("not authorized")))))).isTrue();
		assertThat(InfrastructureFailures.isOutage(asTheContainerSeesIt(new PublishFailedException("refused",
				new ExecutionException(new SaslAuthenticationException("bad password")))))).isTrue();
	}

	@Test
	void failuresThatWouldHappenAgainAreNoOutage() {
		assertThat(InfrastructureFailures.isOutage(asTheContainerSeesIt(new EventFormatException("not a valid"
				+ " FeedbackReceived")))).isFalse();
		assertThat(InfrastructureFailures.isOutage(asTheContainerSeesIt(new IllegalStateException("bug")))).isFalse();
		assertThat(InfrastructureFailures.isOutage(new DuplicateKeyException("E11000"))).isFalse();
		// A version conflict is the service's own: the binding's attempts, then the dead-letter topic.
		assertThat(InfrastructureFailures.isOutage(asTheContainerSeesIt(
				new OptimisticLockingFailureException("stale version")))).isFalse();
	}

	@Test
	void aCycleOfCausesEnds() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalArgumentException second = new IllegalArgumentException("second", first);
		first.initCause(second);

		assertThat(InfrastructureFailures.isOutage(first)).isFalse();
	}

	/** What the listener container hands its error handler when a function of a binding throws. */
	static ListenerExecutionFailedException asTheContainerSeesIt(Throwable thrown) {
		return new ListenerExecutionFailedException("Listener failed", "group",
				new MessageHandlingException(new GenericMessage<>("event"), "error occurred in message handler",
						thrown));
	}

}
