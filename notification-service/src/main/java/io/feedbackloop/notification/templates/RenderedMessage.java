package io.feedbackloop.notification.templates;

import org.jspecify.annotations.Nullable;

/**
 * A template filled in for one customer.
 *
 * @param language the language it is written in
 * @param subject the e-mail subject
 * @param text the plain text (the SMS, the e-mail's text part)
 * @param html the e-mail's HTML part, values escaped; absent for text-only templates
 */
public record RenderedMessage(String language, String subject, String text, @Nullable String html) {

}
