/**
 * notification-service: tells customers and staff what they need to know about a complaint. It
 * consumes the complaint case's events from {@code complaint.cases}, renders each message from
 * Chinese or English templates, queues it once per event, recipient and template in a MongoDB outbox
 * and delivery log, and drains the outbox through guarded providers (SMS gateway, SMTP, signed staff
 * webhooks, feedback-ingest for survey answers), pacing customer messages by quiet hours and a daily
 * cap, so that an outage delays messages and never loses or repeats them.
 */
@NullMarked
package io.feedbackloop.notification;

import org.jspecify.annotations.NullMarked;
