/**
 * notification-service: tells customers what they need to know about their feedback. It consumes the
 * complaint case's events from {@code complaint.cases}, renders the message from Chinese or English
 * templates, sends it by SMS or e-mail and records every delivery, once per event, recipient and
 * template, in MongoDB.
 */
@NullMarked
package io.feedbackloop.notification;

import org.jspecify.annotations.NullMarked;
