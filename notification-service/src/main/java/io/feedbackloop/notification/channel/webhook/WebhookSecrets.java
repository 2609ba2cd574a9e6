package io.feedbackloop.notification.channel.webhook;

import java.util.Optional;

/** The shared secret each webhook URL is signed with; provided by whoever configures the URLs. */
@FunctionalInterface
public interface WebhookSecrets {

	Optional<String> secretFor(String url);

}
