package io.feedbackloop.notification.channel;

/**
 * Where one message goes.
 *
 * @param channel SMS, e-mail, webhook or feedback-ingest
 * @param address the E.164 phone number, the e-mail address or the URL
 */
public record Recipient(ChannelType channel, String address) {

	/** For logs, which must never show a full phone number or e-mail address. */
	@Override
	public String toString() {
		return this.channel.wireName() + ":" + Recipients.mask(this.channel, this.address);
	}

}
