/**
 * Messages to the customer about their case: how every one is composed (channel, language, time
 * zone), progress notices, call-back notes and the closing confirmation with its satisfaction survey.
 */
@NullMarked
package io.feedbackloop.notification.customer;

import org.jspecify.annotations.NullMarked;
