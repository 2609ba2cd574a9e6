/**
 * How serious a complaint is, explainably: {@code low}, {@code normal}, {@code high} or
 * {@code critical} from configurable signals in the customer's words (threats to go to a regulator or
 * the media, legal threats, safety hazards), raised one level for a high-value customer and for every
 * repeat contact, each decision with the reasons that made it.
 */
@NullMarked
package io.feedbackloop.router.severity;

import org.jspecify.annotations.NullMarked;
