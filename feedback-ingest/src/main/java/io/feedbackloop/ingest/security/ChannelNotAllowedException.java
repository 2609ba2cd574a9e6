package io.feedbackloop.ingest.security;

import io.feedbackloop.contracts.Channel;

/** The client is not registered for the channel it posted for: 403. */
public class ChannelNotAllowedException extends RuntimeException {

	private final Channel channel;

	public ChannelNotAllowedException(ApiClient client, Channel channel) {
		super("client " + client.id() + " may not post for channel " + channel.wireName());
		this.channel = channel;
	}

	public Channel channel() {
		return this.channel;
	}

}
