/**
 * The acknowledgement of receipt (受理通知): for every routed complaint ({@code complaint.routed.v1}),
 * thank the customer, give the reference number and the promised reply time, in their language,
 * by SMS or e-mail depending on how they reached us and what contact they left.
 */
@NullMarked
package io.feedbackloop.notification.acknowledgement;

import org.jspecify.annotations.NullMarked;
