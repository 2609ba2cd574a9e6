/**
 * The one-question satisfaction survey (CSAT, 1 to 5) of the closing confirmation: a signed link
 * per closed case, a tiny page to answer it, the answer recorded once ({@code surveys}) and brought
 * back into the system as feedback through feedback-ingest.
 */
@NullMarked
package io.feedbackloop.notification.survey;

import org.jspecify.annotations.NullMarked;
