package io.feedbackloop.notification.channel;

/**
 * Where one message goes.
 *
 * @param channel SMS or e-mail
 * @param address the E.164 phone number or the e-mail address
 */
public record Recipient(ChannelType channel, String address) {

	/** For logs, which must never show a full phone number or e-mail address. */
	@Override
	public String toString() {
		return this.channel.wireName() + ":" + Recipients.mask(this.address);
	}

}
