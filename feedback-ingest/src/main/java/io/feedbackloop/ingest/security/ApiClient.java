package io.feedbackloop.ingest.security;

import java.util.Set;

import io.feedbackloop.contracts.Channel;

/**
 * An authenticated channel system.
 *
 * @param id the client id, as registered
 * @param channels what it may post for
 * @param rateLimit its own token bucket
 */
public record ApiClient(String id, Set<Channel> channels, TokenBucket rateLimit) {

	/** The request attribute under which the authenticated client is kept. */
	public static final String ATTRIBUTE = "io.feedbackloop.ingest.security.ApiClient";

	public boolean mayPost(Channel channel) {
		return this.channels.contains(channel);
	}

}
