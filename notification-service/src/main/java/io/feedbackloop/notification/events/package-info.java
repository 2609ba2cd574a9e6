/**
 * The consumer of {@code complaint.cases}: each event of a complaint case, handled once, becomes the
 * messages its customer and its department should get.
 */
@NullMarked
package io.feedbackloop.notification.events;

import org.jspecify.annotations.NullMarked;
