package io.feedbackloop.notification.channel;

/** A port that hands messages to a provider (SMS gateway, SMTP server). Implementations are thread-safe. */
public interface ChannelSender {

	ChannelType type();

	/**
	 * Hands the message to the provider.
	 * @return the provider's id for the accepted message
	 * @throws TemporaryDeliveryException when the provider could not be reached or asked to try later
	 * @throws PermanentDeliveryException when the provider refused the message for good
	 */
	String send(OutgoingMessage message);

}
